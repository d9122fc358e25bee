"""Reading Swedish text: dates, personkrets, age groups, kinds of change, message checks."""
