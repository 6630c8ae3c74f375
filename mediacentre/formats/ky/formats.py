# CLDR's Kyrgyz long date: "2005-ж., 19-ноябрь" (year first, ordinal hyphens, the
# month in lower case nominative; Django's own "19 Ноябрь 2005 ж." has neither).
DATE_FORMAT = "Y-ж., j-E"
DATETIME_FORMAT = "Y-ж., j-E, H:i"
YEAR_MONTH_FORMAT = "Y-ж., E"
MONTH_DAY_FORMAT = "j-E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
