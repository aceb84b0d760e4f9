"""Fill in start_char/end_char (MISC) of hand-written CoNLL-U files from their `# text`.

The sentences here are written by hand in UD Arabic-PADT style, fields
separated by tabs (or, while editing, single spaces). This tool finds each
token's surface (a multi-word token line, or a word outside one) in the
sentence text, in order, and writes its offsets into MISC, as Stanza's
tokenizer would. Run it after editing a file:

    python tests/data/conllu/add_offsets.py tests/data/conllu/*.conllu
"""

import re
import sys
from pathlib import Path


def fill(path: Path) -> None:
    out, text, pos, inside_until = [], "", 0, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text, pos, inside_until = line[len("# text = "):], 0, 0
        if not line or line.startswith("#"):
            out.append(line)
            continue
        cols = re.split(r"\t| ", line)
        assert len(cols) == 10, f"{path}: {line!r} has {len(cols)} fields"
        ident = cols[0]
        surface_token = "-" in ident or int(ident) > inside_until
        if "-" in ident:
            inside_until = int(ident.split("-")[1])
        if surface_token:
            start = text.index(cols[1], pos)
            assert text[pos:start].strip() == "", f"{path}: {cols[1]!r} not next in the text after {pos}"
            end = start + len(cols[1])
            pos = end
            misc = [m for m in cols[9].split("|") if m != "_" and not m.startswith(("start_char=", "end_char="))]
            cols[9] = "|".join([f"start_char={start}", f"end_char={end}", *misc])
        out.append("\t".join(cols))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        fill(Path(name))
