-- What to wear to a programme item ("Dunkler Anzug", "Business casual"), in
-- German, English and Chinese; shown in calendar exports and itineraries.
ALTER TABLE programme_item ADD COLUMN dress_code_de TEXT;
ALTER TABLE programme_item ADD COLUMN dress_code_en TEXT;
ALTER TABLE programme_item ADD COLUMN dress_code_zh TEXT;
