-- Notes for the guests, in German, English and Chinese, printed in guest
-- copies of the itinerary. The existing `notes` columns stay the internal
-- notes, so everything written before this migration remains internal.
ALTER TABLE programme_item ADD COLUMN guest_notes_de TEXT;
ALTER TABLE programme_item ADD COLUMN guest_notes_en TEXT;
ALTER TABLE programme_item ADD COLUMN guest_notes_zh TEXT;
ALTER TABLE visit ADD COLUMN guest_notes_de TEXT;
ALTER TABLE visit ADD COLUMN guest_notes_en TEXT;
ALTER TABLE visit ADD COLUMN guest_notes_zh TEXT;
