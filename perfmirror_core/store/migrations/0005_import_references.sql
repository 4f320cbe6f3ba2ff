-- v5: an imported event is stored once. Git references lose the folder name (git:<sha>, so a
-- second clone adds nothing); where two clones already stored one commit, the oldest entry
-- takes the new reference and the others keep theirs (no row of the person's is dropped).
-- Then a unique index makes a second copy of any imported reference impossible.
UPDATE activity_entry
   SET reference = 'git:' || substr(reference, -40)
 WHERE source = 'import'
   AND reference GLOB 'git:*:*'
   AND id = (SELECT min(other.id) FROM activity_entry AS other
              WHERE other.source = 'import' AND other.reference GLOB 'git:*:*'
                AND substr(other.reference, -40) = substr(activity_entry.reference, -40))
   AND NOT EXISTS (SELECT 1 FROM activity_entry AS taken
                    WHERE taken.reference = 'git:' || substr(activity_entry.reference, -40));
CREATE UNIQUE INDEX ux_activity_entry_import_reference ON activity_entry (reference)
    WHERE source = 'import';
