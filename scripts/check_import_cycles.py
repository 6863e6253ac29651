"""Fail if any modules of the `tandem` package import each other in a loop.

import-linter checks the order of the apps; this checks inside them too. It builds the
module graph with grimp (the graph import-linter uses: function-level imports count, so a
loop cannot hide behind a lazy import), leaves out tests and migrations, and lists every
strongly connected component of more than one module together with the imports that
close it.

Run: .venv/bin/python scripts/check_import_cycles.py
"""

import sys
from collections.abc import Iterable

import grimp

PACKAGE = "tandem"
LEFT_OUT = {"tests", "migrations"}


def is_checked(module: str) -> bool:
    return not LEFT_OUT.intersection(module.split("."))


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the graph is deep enough to strain recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return components


def main() -> int:
    import_graph = grimp.build_graph(PACKAGE)
    modules = {module for module in import_graph.modules if is_checked(module)}
    graph = {
        module: {
            imported
            for imported in import_graph.find_modules_directly_imported_by(module)
            if imported in modules
        }
        for module in modules
    }
    loops = sorted(component for component in strongly_connected(graph) if len(component) > 1)
    if not loops:
        print(f"No import cycles among {len(modules)} modules of {PACKAGE}.")
        return 0
    for number, component in enumerate(loops, start=1):
        print(f"Import cycle {number}: {len(component)} modules")
        members = set(component)
        for importer in component:
            for imported in sorted(graph[importer] & members):
                details = import_graph.get_import_details(importer=importer, imported=imported)
                lines = ", ".join(str(detail["line_number"]) for detail in details)
                print(f"  {importer} -> {imported} (line {lines})")
    print(f"{len(loops)} import cycle(s) found: move the shared code down so imports run one way.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
