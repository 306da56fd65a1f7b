-- Streamlit's own files (/static/...), gzipped at the highest level in advance by
-- scripts/precompress_static.py into the folder $CADENAS_STATIC_GZ, served from memory by the
-- balancer. HAProxy's on-the-fly gzip (libslz in Debian's build) only halves JavaScript; these
-- are about a third of their size. A file with no gzipped copy goes to a replica as usual.

local root = os.getenv("CADENAS_STATIC_GZ")
local TYPES = {js = "application/javascript", css = "text/css", json = "application/json", svg = "image/svg+xml"}
local bodies = {}  -- path -> gzipped bytes, read once

local function gzipped(path)
  if not root or path:sub(1, 8) ~= "/static/" or path:find("..", 1, true) then
    return nil
  end
  if bodies[path] == nil then
    local file = io.open(root .. path .. ".gz", "rb")
    bodies[path] = file and file:read("a") or false
    if file then file:close() end
  end
  return bodies[path] or nil
end

core.register_fetches("static_gz", function(txn)
  return gzipped(txn.sf:path()) ~= nil
end)

core.register_service("static_gz", "http", function(applet)
  local body = gzipped(applet.path)
  applet:set_status(200)
  applet:add_header("content-type", TYPES[applet.path:match("%.(%w+)$")] or "application/octet-stream")
  applet:add_header("content-encoding", "gzip")
  applet:add_header("vary", "Accept-Encoding")
  applet:add_header("content-length", tostring(#body))
  applet:add_header("cache-control", "public, max-age=31536000, immutable")
  applet:start_response()
  applet:send(body)
end)
