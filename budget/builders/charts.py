"""Charts as SVG, drawn on the server: they work without JavaScript, print, and go into the PDF.

Pure functions: (label, 元) pairs in, SVG markup out (or (label, count) pairs, for a chart of another unit). Every
chart is followed on the page by a table of the same figures (its text alternative), and both show the same rounded
万元 values.
"""

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from budget.builders.money import ZERO, in_words, percent

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 210
VALUE_WIDTH = 110
WIDTH = 640
# The page's font, named in the SVG itself: WeasyPrint draws an SVG's text in the SVG's own font, and a generic
# sans-serif falls back to other faces (DejaVu Sans, Noto Sans CJK JP), each one more font in the PDF.
FONT_FAMILY = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
MONEY_UNIT = "万元"
COLORS = ["#9a1b1b", "#1f5f8b", "#2e7d32", "#b26a00", "#5e35b1", "#00796b", "#6d4c41", "#455a64"]


@dataclass(frozen=True)
class Chart:
    """A titled set of (label, 元) items, drawn as horizontal bars; or of (label, value) items in another unit."""

    id: str
    title: str
    items: list[tuple[str, Decimal]]
    shows_shares: bool = True  # False where the items are not parts of a whole (a series of years)
    unit: str = MONEY_UNIT  # 万元: the items are 元, printed in 万元; any other unit prints them as they are
    measure: str = "金额"  # what the items are, in the text alternative's heading: 金额（万元）

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.items), ZERO)

    @property
    def value_heading(self) -> str:
        return f"{self.measure}（{self.unit}）"

    def value(self, amount: Decimal) -> str:
        """An item's value as printed, without its unit: 元 as 万元 with two decimals; another unit's as given."""
        return in_words(amount) if self.unit == MONEY_UNIT else f"{amount}"

    def rows(self) -> list[tuple[str, str, str]]:
        """(label, value text, share of the total in % text) for the text alternative."""
        total = self.total
        return [(label, self.value(amount), percent(amount, total)) for label, amount in self.items]

    def svg(self) -> str:
        """The bar chart as inline SVG markup."""
        height = max(1, len(self.items)) * (BAR_HEIGHT + GAP) + GAP
        largest = max((amount for _, amount in self.items), default=Decimal(0)) or Decimal(1)
        bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" font-family="{FONT_FAMILY}" role="img" aria-labelledby="{self.id}-title">',
            f'<title id="{self.id}-title">{escape(self.title)}</title>',
        ]
        for index, (label, amount) in enumerate(self.items):
            y = GAP + index * (BAR_HEIGHT + GAP)
            width = int(bar_space * amount / largest) if amount > 0 else 0
            middle = y + BAR_HEIGHT // 2 + 5
            parts += [
                f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" font-size="13">{escape(label)}</text>',
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(width, 1)}" height="{BAR_HEIGHT}" '
                f'fill="{COLORS[index % len(COLORS)]}"/>',
                f'<text x="{LABEL_WIDTH + max(width, 1) + 6}" y="{middle}" font-size="13">'
                f'{self.value(amount)}{self.unit}</text>',
            ]
        parts.append("</svg>")
        return "".join(parts)
