# The neighbour that must keep working: twelve columns, a cell with an escaped pipe, a short row.
path = project / "content/2025/uvp/scope.md"
rows = ["| Maand | " + " | ".join(f"M{i}" for i in range(1, 12)) + " |", "|---|" + "---:|" * 11,
        "| a \\| b | " + " | ".join(str(i) for i in range(1, 12)) + " |", "| kort | 1 |"]
path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
