"""The code's layers point only down: pages -> ui -> exhibits -> charts and maps ->
queries -> the data's schema, vocabulary and strings. A module that imports from a layer above
it (the data boundary reaching for page furniture, say) fails here."""

import ast
import re

import pytest

from components import site
from tests.conftest import ROOT

# Module -> its layer; a module may import only from layers below its own (or its own layer's
# modules that are listed as its peers below).
LAYERS = {
    "ui": 6, "clicker": 6, "tab": 6,
    "store": 5, "urlstate": 5, "upload": 5,
    "exhibits": 4,
    "charts": 3, "maps": 3, "html": 3, "slides": 3, "datapackage": 3, "export": 3, "images": 3,
    "queries": 2, "data": 2,
    "schema": 1, "vocabulary": 0, "i18n": 0, "site": 0, "design": 0,
}
PEERS = {"export": {"datapackage"}, "data": {"schema"}, "images": {"maps"}}


def component_imports(path) -> set[str]:
    """The `components` modules a file imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "components":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("components."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("components.")}
    return found


def test_every_component_has_a_layer():
    modules = {path.stem for path in (ROOT / "components").glob("*.py")} - {"__init__"}
    assert modules == set(LAYERS)


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_a_component_imports_only_from_below(module):
    upward = {imported for imported in component_imports(ROOT / "components" / f"{module}.py")
              if LAYERS[imported] >= LAYERS[module] and imported not in PEERS.get(module, set())}
    assert not upward, f"components/{module}.py imports from its own layer or above: {sorted(upward)}"


def test_the_data_boundary_imports_no_page_furniture():
    assert "ui" not in component_imports(ROOT / "components" / "store.py")


def test_the_page_list_names_every_page_file_once():
    paths = [page.path for page in site.PAGES]
    assert sorted(paths) == sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))


def test_no_page_script_writes_html():
    """Pages lay out controls and show what components build; markup lives in components/html.py."""
    tag = re.compile(r"<[a-zA-Z/]")
    for path in (ROOT / "pages").glob("*.py"):
        strings = [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, ast.Constant) and isinstance(node.value, str)]
        assert not [text for text in strings if tag.search(text)], path.name


TABLE_WORK = {"loc", "iloc", "isin", "query", "groupby", "merge", "sort_values", "iterrows", "itertuples", "head",
              "assign", "apply", "map", "drop_duplicates", "explode"}


def is_mask(node) -> bool:
    """Whether an index expression reads as a row filter: a comparison, or masks combined."""
    return (isinstance(node, ast.Compare)
            or isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr, ast.BitXor))
            or isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert))


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda path: path.name)
def test_no_page_script_works_on_tables(path):
    """A page reads its URL state, lays out its controls and shows exhibits: filtering, sorting
    and looking up rows happen in components/exhibits.py, where they are cached and tested."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    table_work = sorted({node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in TABLE_WORK})
    row_filters = [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Subscript) and is_mask(node.slice)]
    assert not table_work and not row_filters, (table_work, row_filters)


DRAWING = {"plotly_chart", "pydeck_chart", "html", "dataframe", "download_button", "expander"}


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda path: path.name)
def test_pages_show_charts_maps_figures_and_tables_only_through_ui_show(path):
    """One way to show: every chart, map, figure list and table goes through `ui.show`, so each
    gets the same caption of sources, table and download on every page and slide."""
    calls = {node.func.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not calls & (DRAWING - ({"download_button"} if path.name == "sources.py" else set())), calls & DRAWING


def test_a_widget_takes_its_key_from_its_url_parameter():
    """A page names each URL parameter's key once, where it declares the parameter; its widget
    and any session-state access read `PARAM.key`."""
    for path in (ROOT / "pages").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declared = {node.args[0].value for node in ast.walk(tree)
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "urlstate"
                    and node.args and isinstance(node.args[0], ast.Constant)}
        literals = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in declared]
        assert sorted(literals) == sorted(declared), f"{path.name} writes a parameter's key more than once"


def test_no_test_module_imports_from_another():
    """Shared helpers live in conftest.py or a helpers module, so each test file reads alone."""
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.split(".")[-1].startswith("test_"), f"{path.name} imports {node.module}"


def test_the_architecture_page_places_every_component():
    layers_table = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").split("## Layers")[1]
    assert all(f"`{module}`" in layers_table for module in LAYERS)
