-- A company may keep the Hebrew calendar next to the Jalali and Gregorian ones
-- (issue 10). 0001 declared the check inline, so PostgreSQL named it
-- companies_calendar_check; it is replaced under the same name.
ALTER TABLE companies DROP CONSTRAINT companies_calendar_check;
ALTER TABLE companies ADD CONSTRAINT companies_calendar_check CHECK (calendar IN ('jalali', 'gregorian', 'hebrew'));
