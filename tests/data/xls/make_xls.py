"""Writes the .xls (BIFF8) workbooks the spreadsheet tests read.

Run from this folder with xlwt 1.3.0 (`pip install xlwt`):

    python make_xls.py

* map.xls: an Actors sheet and a Ties sheet, as Bridgework writes them,
  with a number, a date-free text, a formula and a blank formatted cell.
* far.xls: three sheets, each with a cell at A1 and one at IV65536 (the last
  cell of an .xls sheet): calamine would lay out 16.8 million cells a sheet.
* wide.xls: three sheets, each with a cell at A1 and one at GR10000
  (2 million cells a sheet): each under the limit, together over it.
"""

import xlwt


def map_book():
    book = xlwt.Workbook(encoding="utf-8")
    actors = book.add_sheet("Actors")
    for c, h in enumerate(["Label", "Type", "Influence", "Score"]):
        actors.write(0, c, h)
    rows = [
        ("Ana Lòpez", "GP practice", 3),
        ("Ben Okafor", "Acute trust", 5),
        ("Chloé Martin", "Social care", 2),
    ]
    for r, (label, sector, influence) in enumerate(rows, start=1):
        actors.write(r, 0, label)
        actors.write(r, 1, sector)
        actors.write(r, 2, influence)
        actors.write(r, 3, xlwt.Formula("C%d*2" % (r + 1)))
    # A formatted blank cell: calamine keeps no cell for it.
    actors.write(6, 6, None, xlwt.easyxf("font: bold on"))
    ties = book.add_sheet("Ties")
    for c, h in enumerate(["From", "To", "Type"]):
        ties.write(0, c, h)
    ties.write(1, 0, "Ana Lòpez")
    ties.write(1, 1, "Ben Okafor")
    ties.write(1, 2, "referral")
    ties.write(2, 0, "Ben Okafor")
    ties.write(2, 1, "Chloé Martin")
    ties.write(2, 2, "referral")
    book.save("map.xls")


def far_book(name, last_row, last_col):
    book = xlwt.Workbook()
    for s in ["Alpha", "Beta", "Gamma"]:
        sheet = book.add_sheet(s)
        sheet.write(0, 0, "Label")
        sheet.write(last_row, last_col, "far")
    book.save(name)


map_book()
far_book("far.xls", 65535, 255)
far_book("wide.xls", 9999, 199)
