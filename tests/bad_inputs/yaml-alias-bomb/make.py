lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
pdc = project / "data/pdc.yaml"
pdc.write_text("\n".join(lines) + "\n" + pdc.read_text(encoding="utf-8"), encoding="utf-8")
