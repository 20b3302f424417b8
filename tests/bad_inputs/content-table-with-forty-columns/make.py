# A table of 40 columns in a writer's text: the PDF showed columns 1 to 12 and cut off the rest.
path = project / "content/2025/uvp/scope.md"
columns = 40
rows = ["| " + " | ".join(f"Kolom {i}" for i in range(1, columns + 1)) + " |", "|" + "---|" * columns,
        "| " + " | ".join(["x"] * columns) + " |"]
path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
