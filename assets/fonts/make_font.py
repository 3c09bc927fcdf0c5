"""Extract Noto Sans CJK SC (face 2 of the Debian .ttc) and cut it down to what TransferDesk prints.

Run with fontTools installed (pip install fonttools): python3 make_font.py (takes a few minutes).
"""
from fontTools.ttLib import TTCollection
from fontTools import subset
from pathlib import Path

SRC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Debian: fonts-noto-cjk
OUT = str(Path(__file__).with_name("NotoSansCJKsc-Regular.otf"))
ranges = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ¥ · × ÷ °
    (0x2000, 0x206F),  # general punctuation: — “ ” ‘ ’ … ‰ •
    (0x2100, 0x218F),  # letterlike + number forms: ℃ № Ⅰ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: − ≤ ≥
    (0x2460, 0x24FF),  # ① … enclosed alphanumerics
    (0x2500, 0x25FF),  # box drawing, geometric shapes: □ ■ ○ ●
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〔〕《》「」
    (0x30FB, 0x30FB),  # katakana middle dot, used in transliterated names
    (0x3200, 0x32FF),  # enclosed CJK: ㈠ ㊣
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A (rare name characters)
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms: ￥ （ ） ， ：
]
unicodes = [u for a, b in ranges for u in range(a, b + 1)]
coll = TTCollection(SRC)
font = coll.fonts[2]
assert font["name"].getDebugName(1) == "Noto Sans CJK SC", font["name"].getDebugName(1)
opts = subset.Options()
# printpdf maps characters through the cmap and never shapes: alternates (vertical, JP/KR forms) would only add weight.
opts.layout_features = []
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
opts.glyph_names = False
opts.hinting = True
opts.desubroutinize = False
sub = subset.Subsetter(opts)
sub.populate(unicodes=unicodes)
sub.subset(font)
font.save(OUT)
print("saved", OUT)
