"""Write a gzipped copy (level 9) of each of Streamlit's static text files into a folder, for
the balancer to serve (deploy/static.lua): Streamlit sends them uncompressed.

    python3 scripts/precompress_static.py FOLDER
"""

import gzip
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamlit

SOURCE = Path(streamlit.__file__).parent / "static"
TEXT = {".js", ".css", ".json", ".svg"}


def precompress(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(source.read_bytes(), compresslevel=9, mtime=0))


def main(folder: Path) -> None:
    files = [path for path in SOURCE.glob("static/**/*") if path.suffix in TEXT and path.is_file()]
    with ThreadPoolExecutor() as pool:  # zlib releases the GIL
        list(pool.map(lambda path: precompress(path, folder / f"{path.relative_to(SOURCE)}.gz"), files))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
