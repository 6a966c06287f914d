-- The folder each feed's file was last written to, so that withdrawing or
-- revoking removes it there even after the office moved its feed folder,
-- and a publish into a new folder removes the file from the old one.
-- NULL (tokens issued before): the folder in the settings.
ALTER TABLE feed_token ADD COLUMN folder TEXT CHECK (folder IS NULL OR length(folder) BETWEEN 1 AND 4096);
