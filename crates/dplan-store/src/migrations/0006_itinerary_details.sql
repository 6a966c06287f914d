-- What an itinerary prints beyond titles: rooms in English and Chinese
-- beside the German one, a venue's address in Chinese characters for drivers
-- in China, a journey's flight or train number, and the visit's contacts
-- (hotel, duty phone, consulate) as a JSON list like `hosts`. The existing `room` column
-- stays the German room, so nothing written before changes meaning.
ALTER TABLE venue ADD COLUMN room_en TEXT;
ALTER TABLE venue ADD COLUMN room_zh TEXT;
ALTER TABLE venue ADD COLUMN address_zh TEXT;
ALTER TABLE programme_item ADD COLUMN transport TEXT;
ALTER TABLE visit ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]';
