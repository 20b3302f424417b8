"""The text of DOCX files as LibreOffice reads them, after accepting or rejecting all their tracked
changes with its own commands (.uno:AcceptAllTrackedChanges, .uno:RejectAllTrackedChanges).

Run with the system Python, which has Debian's python3-uno (not the project's virtualenv):
    /usr/bin/python3 tests/libreoffice_text.py accept:a.docx reject:a.docx asis:b.docx
prints a JSON list with, per file, its lines: each non-empty paragraph, and each table row as
"| cell | cell |", in document order. One LibreOffice, with a profile of its own, reads them all.
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges", "asis": None}


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str, office: subprocess.Popen):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - not listening yet
            if office.poll() is not None:
                raise SystemExit("LibreOffice stopped before it could be reached")
            time.sleep(0.1)
    raise SystemExit("LibreOffice could not be reached")


def _lines(document) -> list[str]:
    lines = []
    enumeration = document.getText().createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for row in range(element.getRows().getCount()):
                cells = [" ".join(element.getCellByPosition(column, row).getString().split())
                         for column in range(element.getColumns().getCount())]
                lines.append("|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|")
        elif element.getString().strip():
            lines.append(element.getString().strip())
    return lines


def main(arguments: list[str]) -> None:
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"uvpgen{Path(profile).name}"
        office = subprocess.Popen(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                                   "--invisible", "--nologo", "--norestore", "--nodefault",
                                   f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            context = _connect(pipe, office)
            manager = context.ServiceManager
            desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            found = []
            for argument in arguments:
                mode, path = argument.split(":", 1)
                document = desktop.loadComponentFromURL(Path(path).absolute().as_uri(), "_blank", 0,
                                                        (_property("Hidden", True),))
                if COMMANDS[mode]:
                    dispatcher.executeDispatch(document.getCurrentController().getFrame(), COMMANDS[mode], "", 0, ())
                found.append(_lines(document))
                document.close(True)
            print(json.dumps(found, ensure_ascii=False))
            desktop.terminate()
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main(sys.argv[1:])
