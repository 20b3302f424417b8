from hostile import zip_bomb
from uvpgen.limits import MAX_REVIEW_BYTES
zip_bomb(project / "data/bom.docx", MAX_REVIEW_BYTES + 1, member="word/document.xml")
