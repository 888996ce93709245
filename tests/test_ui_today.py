"""The day at a glance (issue 15, point 5): the charts rendered offscreen with their values
checked pixel by pixel, and the Today tab on the real window: figures from the log, a click on a
bar lists its rows, the balance line ends at the last balance recorded."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from mpesa_desktop.services.today import day_at_a_glance
from mpesa_desktop.ui import i18n
from mpesa_desktop.ui.charts import Bar, BarChart, LineChart
from mpesa_desktop.ui.look import CHART_BACKGROUND
from tests import ui_support
from tests.test_ui_untranslated import english_left

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window
BACKGROUND = QColor(CHART_BACKGROUND)  # the light scheme's


def pixel(image, point) -> QColor:
    return image.pixelColor(int(point.x()), int(point.y()))


def test_bars_are_drawn_in_proportion_in_their_colours(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(400, 220)
    colours = ["#2e7d32", "#1565c0", "#c62828", "#ef6c00"]
    chart.set_bars([Bar(name, value, colour) for name, value, colour in
                    zip("ABCD", (1000, 500, 0, 250), colours, strict=True)])
    image = chart.grab().toImage()
    rects = chart.bar_rects()
    assert [round(r.height() / rects[0].height(), 3) for r in rects] == [1, 0.5, 0, 0.25]
    for rect, colour in zip(rects, colours, strict=True):
        if rect.height():
            assert pixel(image, rect.center()) == QColor(colour)
        above = rect.topLeft() + QPoint(int(rect.width() / 2), -25)
        assert pixel(image, above) == BACKGROUND or rect.top() < 30
    clicked = []
    chart.clicked.connect(clicked.append)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                     pos=rects[2].bottomLeft().toPoint() + QPoint(3, -3))
    assert clicked == [2]  # even the empty bar's column is a click target


def test_the_line_breaks_where_a_day_has_no_value(qtbot):
    chart = LineChart()
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_values([Decimal(10), None, Decimal(30), Decimal(20)], "1 Nov", "4 Nov")
    image = chart.grab().toImage()
    points = chart.point_positions()
    assert points[1] is None
    first, third, fourth = points[0], points[2], points[3]
    assert first.y() > fourth.y() > third.y()  # 10 lowest, 30 highest
    assert round((first.y() - fourth.y()) / (first.y() - third.y()), 3) == 0.5
    for point in (first, third, fourth):
        assert pixel(image, point).blue() > 150 and pixel(image, point).red() < 100
    gap = (first + third) / 2  # no line across the missing day
    assert pixel(image, gap) == BACKGROUND
    assert chart.extremes() == (10.0, 30.0)


def _paid(qtbot, window, services, operation, fields):
    sent = []
    window.bridge.run(services.submit(operation, fields), on_result=sent.append,
                      on_error=sent.append)
    qtbot.waitUntil(lambda: bool(sent), timeout=10_000)
    reference = getattr(sent[0], "reference", None) or sent[0].transaction.reference
    qtbot.waitUntil(lambda: services.ledger.get(reference).is_final, timeout=15_000)
    return services.ledger.get(reference)


def test_today_shows_the_logs_figures_and_a_bar_lists_its_rows(qtbot, gui_window, gui_services,
                                                               tmp_path):
    services = gui_services
    _paid(qtbot, gui_window, services, "b2c", {"party_b": "0708374149", "amount": 1500,
                                               "remarks": "Wages"})
    failed = _paid(qtbot, gui_window, services, "b2c", {"party_b": "0711000001",
                                                        "amount": 700, "remarks": "Wages"})
    assert failed.status == "failed"
    _paid(qtbot, gui_window, services, "c2b_register", {})
    _paid(qtbot, gui_window, services, "c2b_simulate", {"amount": 640, "msisdn": "0708374149",
                                                        "bill_ref_number": "ACC1"})
    _paid(qtbot, gui_window, services, "account_balance", {})
    qtbot.waitUntil(lambda: services.ledger.latest_balances()
                    and any(r.operation == "c2b_payment" for r in services.ledger.query(None)),
                    timeout=15_000)

    tab = gui_window.today_tab
    with qtbot.waitSignal(tab.refreshed, timeout=10_000):
        gui_window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.glance is not None
                    and tab.glance.figures[0].amount == 640, timeout=10_000)
    texts = {name: button.text() for name, button in tab.figure_buttons.items()}
    assert texts["money_in"] == "Money in\nKES 640 (1)"
    assert texts["money_out"] == "Money out\nKES 1,500 (1)"
    assert texts["failed"] == "Failed\nKES 700 (1)"
    assert [bar.value for bar in tab.bars.bars] == [640, 1500, 700, 0]
    expected = sum(line.available for line in services.ledger.latest_balances())
    assert tab.balance.values[-1] == expected
    assert tab.glance == day_at_a_glance(services.ledger)

    gui_window.resize(1200, 800)
    qtbot.wait(50)
    rect = tab.bars.bar_rects()[2]
    with qtbot.waitSignal(tab.rows_shown, timeout=10_000) as shown:
        qtbot.mouseClick(tab.bars, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert shown.args == ["failed"]
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 6).text() == failed.reference
    assert tab.rows_title.text() == "Failed: 1 row"
    gui_window.grab().save(str(tmp_path / "today.png"))

    i18n.set_language(i18n.SWAHILI)  # the figures, the rows and their headings, switched live
    try:
        qtbot.waitUntil(lambda: tab.table.item(0, 1).text() == "Lipa mteja", timeout=10_000)
        assert tab.rows_title.text() == "Imeshindikana: muamala 1"
        assert tab.figure_buttons["failed"].text() == "Imeshindikana\nKES 700 (1)"
        assert tab.title.text().startswith("Leo, ")
        assert [tab.table.horizontalHeaderItem(i).text() for i in range(3)] == [
            "Saa", "Shughuli", "Hali"]
        assert tab.table.item(0, 2).text() == "Imeshindikana"
        assert english_left([tab, *tab.findChildren(QWidget)]) == []
    finally:
        i18n.set_language(i18n.ENGLISH)
