#!/usr/bin/python3
"""Writes rpw_test_workbook.xlsx: a small workbook in the shape of the World
Bank's published RPW workbook (rpw_dataset_2011_2025_qN.xlsx), made up by
remitrank for its tests, with every trap of the published file that the
importer must handle (see the comments on each row).

    /usr/bin/python3 testdata/rpw/make_rpw_workbook.py   # Debian's python3

Deterministic: the same bytes on every run (fixed document dates; xlsxwriter
writes fixed zip timestamps). Needs Debian's python3-xlsxwriter.
"""
import datetime
import os

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "rpw_test_workbook.xlsx")

OLD = "Dataset (up to Q1 2016)"
NEW = "Dataset (from Q2 2016)"

OLD_COLUMNS = [
    "id", "period", "source_code", "source_name", "source_region",
    "source_income", "source_lending", "source_G8G20", "destination_code",
    "destination_name", "destination_region", "destination_income",
    "destination_lending", "destination_G8G20", "firm", "firm_type",
    "product", "sending location", "speed actual", "cc1 lcu amount",
    "cc1 denomination amount", "cc1 lcu code", "cc1 lcu fee",
    "cc1 lcu fx rate", "cc1 fx margin", "cc1 total cost %", "cc2 lcu amount",
    "cc2 denomination amount", "cc2 lcu code", "cc2 lcu fee",
    "cc2 lcu fx rate", "cc2 fx margin", "cc2 total cost %",
    "inter lcu bank fx", "transparent", "note1", "note2", "coverage",
    "pick-up method", "date", "corridor",
]
NEW_COLUMNS = [
    "id", "period", "source_code", "source_name", "source_region",
    "source_income", "source_lending", "source_G8G20", "destination_code",
    "destination_name", "destination_region", "destination_income",
    "destination_lending", "destination_G8G20", "firm", "firm_type",
    "payment instrument", "access point", "speed actual", "cc1 lcu amount",
    "cc1 denomination amount", "cc1 lcu code", "cc1 lcu fee",
    "cc1 lcu fx rate", "cc1 fx margin", "cc1 total cost %", "cc2 lcu amount",
    "cc2 denomination amount", "cc2 lcu code", "cc2 lcu fee",
    "cc2 lcu fx rate", "cc2 fx margin", "cc2 total cost %",
    "inter lcu bank fx", "transparent", "Standard Note", "note2",
    "receiving network coverage", "pickup location", "pickup method", "date",
    "corridor",
]
assert len(OLD_COLUMNS) == 41 and len(NEW_COLUMNS) == 42

COUNTRIES = {
    "USA": ("United States", "High income", "G8G20"),
    "MEX": ("Mexico", "Upper middle income", "G20"),
    "RWA": ("Rwanda", "Low income", ""),
    "KEN": ("Kenya", "Lower middle income", ""),
    "CHE": ("Switzerland", "High income", ""),
    "KSV": ("Kosovo", "Upper middle income", ""),
}
REGIONS = {"USA": "North America", "MEX": "Latin America & Caribbean",
           "RWA": "Sub-Saharan Africa", "KEN": "Sub-Saharan Africa",
           "CHE": "Europe & Central Asia", "KSV": "Europe & Central Asia"}


def row(columns, **cells):
    """A row as a dict column -> value; the country columns filled in."""
    out = {}
    for side in ("source", "destination"):
        code = cells.get(side + "_code")
        if code in COUNTRIES:
            name, income, g = COUNTRIES[code]
            out.update({side + "_name": name, side + "_region": REGIONS[code],
                        side + "_income": income, side + "_lending": "IDA",
                        side + "_G8G20": g})
    out.update(cells)
    unknown = set(out) - set(columns) - {"_text", "_formula", "_extra"}
    assert not unknown, unknown
    return out


# Each row: (cells, how to write some of them). Values that are str are
# written as text; int/float as numbers. "_text" lists columns whose numbers
# are stored as text ("200.00": whole quarters of the published file are);
# "_formula" maps a column to a formula whose cached value is the cell's
# value; "_extra" are values after the last column, without a header.
OLD_ROWS = [
    # 2011_1Q, USA->MEX: two services. Dates as text (14/May/2013 style).
    row(OLD_COLUMNS, id=101, period="2011_1Q", source_code="USA",
        destination_code="MEX", firm="Northwind Remit",
        firm_type="Money Transfer Operator", product="Cash to cash",
        **{"sending location": "Agent", "speed actual": "Less than one hour",
           "cc1 lcu amount": 200, "cc1 denomination amount": 200,
           "cc1 lcu code": "USD", "cc1 lcu fee": 10, "cc1 lcu fx rate": 12.1,
           "cc1 fx margin": 2.0, "cc1 total cost %": 7.0,
           "cc2 lcu amount": 500, "cc2 denomination amount": 500,
           "cc2 lcu code": "USD", "cc2 lcu fee": 12, "cc2 lcu fx rate": 12.1,
           "cc2 fx margin": 2.0, "cc2 total cost %": 4.4,
           "inter lcu bank fx": 12.35, "transparent": "yes",
           "coverage": "Nationwide", "pick-up method": "Cash",
           "date": "24/Jan/2011", "corridor": "USAMEX"}),
    row(OLD_COLUMNS, id=102, period="2011_1Q", source_code="USA",
        destination_code="MEX", firm="First Bank of Elm",
        firm_type="Bank", product="Account to account",
        **{"sending location": "Branch", "speed actual": "3-5 days",
           "cc1 lcu amount": 200, "cc1 denomination amount": 200,
           "cc1 lcu code": "USD", "cc1 lcu fee": 30, "cc1 lcu fx rate": 11.9,
           "cc1 fx margin": 3.64, "cc1 total cost %": 18.64,
           "cc2 lcu amount": 500, "cc2 denomination amount": 500,
           "cc2 lcu code": "USD", "cc2 lcu fee": 30, "cc2 lcu fx rate": 11.9,
           "cc2 fx margin": 3.64, "cc2 total cost %": 9.64,
           "inter lcu bank fx": 12.35, "transparent": "Yes",
           "coverage": "Urban", "pick-up method": "Bank account",
           "date": "24/Jan/2011", "corridor": "USAMEX"}),
    # 2011_3Q: a third service appears; every number stored as text.
    row(OLD_COLUMNS, id=201, period="2011_3Q", source_code="USA",
        destination_code="MEX", firm="Northwind Remit",
        firm_type="Money Transfer Operator", product="Cash to cash",
        _text=["cc1 lcu amount", "cc1 lcu fee", "cc1 lcu fx rate",
               "cc1 fx margin", "cc1 total cost %", "inter lcu bank fx"],
        **{"sending location": "Agent", "speed actual": "Next Day",
           "cc1 lcu amount": "200.00", "cc1 denomination amount": 200,
           "cc1 lcu code": "USD", "cc1 lcu fee": "8.00",
           "cc1 lcu fx rate": "12.60", "cc1 fx margin": "1.50",
           "cc1 total cost %": "5.50", "inter lcu bank fx": "12.79",
           "transparent": "yes", "coverage": "..",
           "pick-up method": "Cash", "date": "12/Aug/2011",
           "corridor": "USAMEX"}),
    row(OLD_COLUMNS, id=202, period="2011_3Q", source_code="USA",
        destination_code="MEX", firm="Post-o-Send",
        firm_type="Post office", product="Cash to cash",
        _text=["cc1 lcu amount", "cc1 lcu fee"],
        **{"sending location": "Branch", "speed actual": "1-3 days",
           "cc1 lcu amount": "200.00", "cc1 denomination amount": 200,
           "cc1 lcu code": "USD", "cc1 lcu fee": "5.00",
           "cc1 lcu fx rate": 12.4, "cc1 fx margin": 3.05,
           "cc1 total cost %": 5.55, "inter lcu bank fx": 12.79,
           "transparent": "yes", "coverage": "Rural",
           "pick-up method": "Cash", "date": "N/A", "corridor": "USAMEX"}),
    row(OLD_COLUMNS, id=203, period="2011_3Q", source_code="USA",
        destination_code="MEX", firm="First Bank of Elm",
        firm_type="Bank", product="Account to account",
        **{"sending location": "Branch", "speed actual": "3-5 days",
           "cc1 lcu amount": 200, "cc1 denomination amount": 200,
           "cc1 lcu code": "USD", "cc1 lcu fee": 30, "cc1 lcu fx rate": 12.2,
           "cc1 fx margin": 4.61, "cc1 total cost %": 19.61,
           "inter lcu bank fx": 12.79, "transparent": "yes",
           "pick-up method": "Bank account", "date": "12/Aug/2011",
           "corridor": "USAMEX"}),
]

SERIAL = datetime.date(2024, 8, 14)

NEW_ROWS = [
    # 2024_3Q: USA->MEX; the date an Excel serial; a formula total.
    row(NEW_COLUMNS, id=5001, period="2024_3Q", source_code="USA",
        destination_code="MEX", firm="Northwind Remit",
        firm_type="Money Transfer Operator",
        _formula={"cc1 total cost %": "=W{r}/T{r}*100+Y{r}"},
        **{"payment instrument": "Debit card", "access point": "Internet",
           "speed actual": "less than one hour", "cc1 lcu amount": 200,
           "cc1 denomination amount": 200, "cc1 lcu code": "USD",
           "cc1 lcu fee": 3.99, "cc1 lcu fx rate": 18.9,
           "cc1 fx margin": 1.04, "cc1 total cost %": 3.035,
           "cc2 lcu amount": 500, "cc2 denomination amount": 500,
           "cc2 lcu code": "USD", "cc2 lcu fee": 3.99,
           "cc2 lcu fx rate": 18.9, "cc2 fx margin": 1.04,
           "cc2 total cost %": 1.838, "inter lcu bank fx": 19.1,
           "transparent": "yes", "receiving network coverage": "High",
           "pickup method": "Bank account", "date": SERIAL,
           "corridor": "USAMEX"}),
    # A combined firm type; coverage in lower case.
    row(NEW_COLUMNS, id=5002, period="2024_3Q", source_code="USA",
        destination_code="MEX", firm="Elm Remit",
        firm_type="Bank / Money Transfer Operator",
        **{"payment instrument": "Cash", "access point": "Branch",
           "speed actual": "Same day", "cc1 lcu amount": 200,
           "cc1 denomination amount": 200, "cc1 lcu code": "USD",
           "cc1 lcu fee": 6, "cc1 lcu fx rate": 18.7,
           "cc1 fx margin": 2.09, "cc1 total cost %": 5.09,
           "inter lcu bank fx": 19.1, "transparent": "yes",
           "receiving network coverage": "low", "pickup method": "Cash",
           "date": SERIAL, "corridor": "USAMEX"}),
    # Not transparent: the published margin 0 and rate 1 mean nothing.
    row(NEW_COLUMNS, id=5003, period="2024_3Q", source_code="USA",
        destination_code="MEX", firm="Post-o-Send", firm_type="Post Office",
        **{"payment instrument": "Cash", "access point": "Branch",
           "speed actual": "Next day", "cc1 lcu amount": 200,
           "cc1 denomination amount": 200, "cc1 lcu code": "USD",
           "cc1 lcu fee": 4, "cc1 lcu fx rate": 1, "cc1 fx margin": 0,
           "cc1 total cost %": 2, "inter lcu bank fx": 19.1,
           "transparent": "no", "pickup method": "Cash", "date": SERIAL,
           "corridor": "USAMEX"}),
    # The same service again but for the id: both rows are real rows.
    row(NEW_COLUMNS, id=5004, period="2024_3Q", source_code="USA",
        destination_code="MEX", firm="Elm Remit",
        firm_type="Bank / Money Transfer Operator",
        **{"payment instrument": "Cash", "access point": "Branch",
           "speed actual": "Same day", "cc1 lcu amount": 200,
           "cc1 denomination amount": 200, "cc1 lcu code": "USD",
           "cc1 lcu fee": 6, "cc1 lcu fx rate": 18.7,
           "cc1 fx margin": 2.09, "cc1 total cost %": 5.09,
           "inter lcu bank fx": 19.1, "transparent": "yes",
           "receiving network coverage": "low", "pickup method": "Cash",
           "date": SERIAL, "corridor": "USAMEX"}),
    # 2025_1Q (no 2025_2Q in the file: a gap, never a value).
    row(NEW_COLUMNS, id=6001, period="2025_1Q", source_code="USA",
        destination_code="MEX", firm="Northwind Remit",
        firm_type="Money Transfer Operator",
        **{"payment instrument": "Debit card", "access point": "Internet",
           "speed actual": "Less than one hour", "cc1 lcu amount": 200,
           "cc1 denomination amount": 200, "cc1 lcu code": "USD",
           "cc1 lcu fee": 2.99, "cc1 lcu fx rate": 20.1,
           "cc1 fx margin": 0.99, "cc1 total cost %": 2.485,
           "inter lcu bank fx": 20.3, "transparent": "yes",
           "receiving network coverage": "High",
           "pickup method": "Bank account", "date": "2025-02-10",
           "corridor": "USAMEX"}),
    # A promotion: negative margin, negative total.
    row(NEW_COLUMNS, id=6002, period="2025_1Q", source_code="USA",
        destination_code="MEX", firm="Elm Remit",
        firm_type="Money Transfer Operator",
        **{"payment instrument": "Debit card", "access point": "Internet",
           "speed actual": "Same day", "cc1 lcu amount": 200,
           "cc1 denomination amount": 200, "cc1 lcu code": "USD",
           "cc1 lcu fee": 0, "cc1 lcu fx rate": 20.5,
           "cc1 fx margin": -0.99, "cc1 total cost %": -0.99,
           "inter lcu bank fx": 20.3, "transparent": "yes",
           "pickup method": "Bank account", "date": "2025-02-10",
           "corridor": "USAMEX"}),
    # 2025_3Q.
    row(NEW_COLUMNS, id=7001, period="2025_3Q", source_code="USA",
        destination_code="MEX", firm="Northwind Remit",
        firm_type="Money Transfer Operator",
        **{"payment instrument": "Debit card", "access point": "Internet",
           "speed actual": "Less than one hour", "cc1 lcu amount": 200,
           "cc1 denomination amount": 200, "cc1 lcu code": "USD",
           "cc1 lcu fee": 2.99, "cc1 lcu fx rate": 18.3,
           "cc1 fx margin": 1.08, "cc1 total cost %": 2.575,
           "inter lcu bank fx": 18.5, "transparent": "yes",
           "pickup method": "Bank account", "date": "2025-08-04",
           "corridor": "USAMEX", "_extra": ["stray", 42]}),
    # RWA->KEN: a survey fee finer than RWF's minor unit (RWF has none).
    row(NEW_COLUMNS, id=7002, period="2025_3Q", source_code="RWA",
        destination_code="KEN", firm="Kigali Money", firm_type="Bank",
        **{"payment instrument": "Bank account", "access point": "Branch",
           "speed actual": "2 days", "cc1 lcu amount": 261000,
           "cc1 denomination amount": 200, "cc1 lcu code": "RWF",
           "cc1 lcu fee": 46172.7, "cc1 lcu fx rate": 0.0965,
           "cc1 fx margin": 3.5, "cc1 total cost %": 21.190689655,
           "inter lcu bank fx": 0.1, "transparent": "Yes",
           "pickup method": "Bank account", "date": "2025-08-04",
           "corridor": "RWAKEN"}),
    # A total far above the rest (307 %), and one that does not add up
    # (published 9.0; fee / amount + margin gives 6.5).
    row(NEW_COLUMNS, id=7003, period="2025_3Q", source_code="RWA",
        destination_code="KEN", firm="Hilltop Transfer",
        firm_type="Money Transfer Operator",
        **{"payment instrument": "Cash", "access point": "Agent",
           "speed actual": "Next Day", "cc1 lcu amount": 261000,
           "cc1 denomination amount": 200, "cc1 lcu code": "RWF",
           "cc1 lcu fee": 783000, "cc1 lcu fx rate": 0.0993,
           "cc1 fx margin": 7.0, "cc1 total cost %": 307.0,
           "inter lcu bank fx": 0.1, "transparent": "yes",
           "pickup method": "Cash", "date": "2025-08-04",
           "corridor": "RWAKEN"}),
    row(NEW_COLUMNS, id=7004, period="2025_3Q", source_code="RWA",
        destination_code="KEN", firm="Lakeside Remit",
        firm_type="Money Transfer Operator",
        **{"payment instrument": "Cash", "access point": "Agent",
           "speed actual": "Next Day", "cc1 lcu amount": 261000,
           "cc1 denomination amount": 200, "cc1 lcu code": "RWF",
           "cc1 lcu fee": 13050, "cc1 lcu fx rate": 0.0985,
           "cc1 fx margin": 1.5, "cc1 total cost %": 9.0,
           "inter lcu bank fx": 0.1, "transparent": "yes",
           "pickup method": "Cash", "date": "2025-08-04",
           "corridor": "RWAKEN"}),
    # Kosovo: KSV in the code column, XKX in the corridor.
    row(NEW_COLUMNS, id=7005, period="2025_3Q", source_code="CHE",
        destination_code="KSV", firm="Alpen Transfer",
        firm_type="Money Transfer Operator",
        **{"payment instrument": "Cash", "access point": "Branch",
           "speed actual": "Less than one hour", "cc1 lcu amount": 180,
           "cc1 denomination amount": 200, "cc1 lcu code": "CHF",
           "cc1 lcu fee": 5, "cc1 lcu fx rate": 1.05,
           "cc1 fx margin": 2.78, "cc1 total cost %": 5.557777778,
           "inter lcu bank fx": 1.08, "transparent": "YES",
           "pickup method": "Cash", "date": "2025-08-04",
           "corridor": "CHEXKX"}),
    # Cannot be priced: the fee is not a number. Quarantined, not loaded.
    row(NEW_COLUMNS, id=7006, period="2025_3Q", source_code="CHE",
        destination_code="KSV", firm="Broken Fee Ltd",
        firm_type="Other",
        **{"payment instrument": "Cash", "access point": "Branch",
           "speed actual": "Same day", "cc1 lcu amount": 180,
           "cc1 denomination amount": 200, "cc1 lcu code": "CHF",
           "cc1 lcu fee": "see note", "cc1 lcu fx rate": 1.04,
           "cc1 fx margin": 3.7, "cc1 total cost %": 6.5,
           "inter lcu bank fx": 1.08, "transparent": "yes",
           "pickup method": "Cash", "date": "2025-08-04",
           "corridor": "CHEXKX"}),
    # A G20 sender that is not in the G8 (MEX): 100/4000 x 100 + 1.5 = 4.0.
    row(NEW_COLUMNS, id=7007, period="2025_3Q", source_code="MEX",
        destination_code="USA", firm="Aztec Envios",
        firm_type="Money Transfer Operator",
        **{"payment instrument": "Cash", "access point": "Agent",
           "speed actual": "Same day", "cc1 lcu amount": 4000,
           "cc1 denomination amount": 200, "cc1 lcu code": "MXN",
           "cc1 lcu fee": 100, "cc1 lcu fx rate": 0.04925,
           "cc1 fx margin": 1.5, "cc1 total cost %": 4.0,
           "inter lcu bank fx": 0.05, "transparent": "yes",
           "pickup method": "Cash", "date": "2025-08-04",
           "corridor": "MEXUSA"}),
]


def write_sheet(book, name, columns, rows, date_format):
    sheet = book.add_worksheet(name)
    for c, title in enumerate(columns):
        sheet.write_string(0, c, title)
    for r, cells in enumerate(rows, start=1):
        text = set(cells.get("_text", []))
        formulas = cells.get("_formula", {})
        for c, column in enumerate(columns):
            if column not in cells:
                continue  # Left out of the XML, as Excel does.
            value = cells[column]
            if column in formulas:
                sheet.write_formula(r, c, formulas[column].format(r=r + 1),
                                    None, value)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(r, c, datetime.datetime(
                    value.year, value.month, value.day), date_format)
            elif isinstance(value, str) or column in text:
                sheet.write_string(r, c, str(value))
            else:
                sheet.write_number(r, c, value)
        for e, extra in enumerate(cells.get("_extra", [])):
            sheet.write(r, len(columns) + e, extra)


def main():
    book = xlsxwriter.Workbook(OUT, {"strings_to_numbers": False})
    book.set_properties({
        "title": "Remittance Prices Worldwide (remitrank test data)",
        "created": datetime.datetime(2026, 1, 1),
    })
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, text in [
            ("Terms of Use", "Made-up rows in the published layout."),
            ("Methodology", "Total cost % = fee / amount + FX margin."),
            ("Legend", "cc1: USD 200 equivalent; cc2: USD 500.")]:
        book.add_worksheet(name).write_string(0, 0, text)
    countries = book.add_worksheet("Countries")
    for i, (code, (name, income, _)) in enumerate(sorted(COUNTRIES.items())):
        countries.write_row(i, 0, [code, name, income])
    write_sheet(book, OLD, OLD_COLUMNS, OLD_ROWS, date_format)
    write_sheet(book, NEW, NEW_COLUMNS, NEW_ROWS, date_format)
    book.close()


if __name__ == "__main__":
    main()
