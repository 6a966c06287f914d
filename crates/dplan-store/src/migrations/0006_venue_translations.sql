-- Rooms in English and Chinese beside the German one, and a venue's address
-- in Chinese characters for drivers in China. The existing `room` column
-- stays the German room, so nothing written before changes meaning.
ALTER TABLE venue ADD COLUMN room_en TEXT;
ALTER TABLE venue ADD COLUMN room_zh TEXT;
ALTER TABLE venue ADD COLUMN address_zh TEXT;
