import random
random.seed(25)
for name in ("oud", "nieuw"):  # two sections of 4.000 words that share words everywhere
    words = " ".join(random.choice("ab") for _ in range(4_000))
    (project / f"data/{name}.md").write_text(f"# Kop\n\n{words}\n", encoding="utf-8")
