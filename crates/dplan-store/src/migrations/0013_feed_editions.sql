-- Feed memory and feed links kept before migration 11 named an audience
-- without its edition, so guest and internal exports shared one memory.
-- Under the keys of migration 11 (internal feeds end in "/intern"):

-- Staff duties and a host's own programme are internal: their keys move,
-- unless the internal feed exists already (then the old link is revoked).
UPDATE feed_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE revoked_at IS NULL AND feed NOT LIKE '%/intern'
  AND (feed LIKE 'staff/%'
       OR EXISTS (SELECT 1 FROM participant p WHERE p.visit_id = feed_token.visit_id
                  AND 'participant/' || p.person_id = feed_token.feed AND p.side = 'host'))
  AND EXISTS (SELECT 1 FROM feed_token n WHERE n.visit_id = feed_token.visit_id
              AND n.feed = feed_token.feed || '/intern' AND n.revoked_at IS NULL);

UPDATE feed_token SET feed = feed || '/intern'
WHERE revoked_at IS NULL AND feed NOT LIKE '%/intern'
  AND (feed LIKE 'staff/%'
       OR EXISTS (SELECT 1 FROM participant p WHERE p.visit_id = feed_token.visit_id
                  AND 'participant/' || p.person_id = feed_token.feed AND p.side = 'host'));

UPDATE OR IGNORE calendar_event SET feed = feed || '/intern'
WHERE feed NOT LIKE '%/intern'
  AND (feed LIKE 'staff/%'
       OR EXISTS (SELECT 1 FROM participant p WHERE p.visit_id = calendar_event.visit_id
                  AND 'participant/' || p.person_id = calendar_event.feed AND p.side = 'host'));
DELETE FROM calendar_event
WHERE feed NOT LIKE '%/intern'
  AND (feed LIKE 'staff/%'
       OR EXISTS (SELECT 1 FROM participant p WHERE p.visit_id = calendar_event.visit_id
                  AND 'participant/' || p.person_id = calendar_event.feed AND p.side = 'host'));

-- What remains are guests' feeds. Their memory may hold items only an
-- internal file carried (cancelled and tentative ones): forgotten, so that
-- a guest's calendar neither takes back (and so names) nor shows an item
-- the guest edition leaves out. Confirmed items keep their SEQUENCE.
DELETE FROM calendar_event
WHERE feed NOT LIKE '%/intern' AND gone = 0
  AND uid IN (SELECT id FROM programme_item WHERE status <> 'confirmed');
