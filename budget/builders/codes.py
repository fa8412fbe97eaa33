"""Classification codes (科目编码): a subject's level is the length of its code."""

CLASS_LENGTH = 3  # 类
SECTION_LENGTH = 5  # 款
ITEM_LENGTH = 7  # 项

FUNCTION_LENGTHS = (CLASS_LENGTH, SECTION_LENGTH, ITEM_LENGTH)  # 功能分类 goes down to 项
ECONOMIC_LENGTHS = (CLASS_LENGTH, SECTION_LENGTH)  # 经济分类 down to 款

CLASS = "class"
SECTION = "section"
ITEM = "item"
LEVELS = {CLASS_LENGTH: CLASS, SECTION_LENGTH: SECTION, ITEM_LENGTH: ITEM}


def class_code(code: str) -> str:
    """The 类 a code belongs to: its first three digits."""
    return code[:CLASS_LENGTH]


def level(code: str) -> str:
    """CLASS, SECTION or ITEM, by the code's length."""
    return LEVELS[len(code)]
