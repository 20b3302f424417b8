(project / "data/2025/prognose/enschede.csv").write_text("code;aantal;opmerking\n\n;;\n\n", encoding="utf-8")
