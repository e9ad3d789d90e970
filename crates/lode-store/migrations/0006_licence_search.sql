-- Lode schema 6: the licence register answers fast at 100,000 holders.
--
-- The duplicate checks read their own indexes. Without `deleted` in them, the planner preferred
-- the name index (workspace_id, deleted) and read every holder of the workspace on each save.
DROP INDEX licence_holder_by_national_id;
CREATE INDEX licence_holder_by_national_id
    ON licence_holder (workspace_id, deleted, lower(replace(national_id, ' ', '')));
DROP INDEX licence_holder_by_birth_date;
CREATE INDEX licence_holder_by_birth_date ON licence_holder (workspace_id, deleted, birth_date);

-- Each sort of the register reads a page in index order instead of sorting every holder: the
-- sort key then the name, as `order_by` in licences.rs writes them (the expressions must stay the
-- same). Holders without a date come last either way: a plain index read backwards puts them
-- last, and ascending they sort as '~', after any date. The status order is a licence's life.
-- The name index also holds the other searched columns, so that a search too short for the
-- trigram index below reads index entries rather than whole rows.
DROP INDEX licence_holder_by_name;
CREATE INDEX licence_holder_by_name
    ON licence_holder (workspace_id, deleted, name COLLATE NOCASE, national_id, licence_number);
DROP INDEX licence_holder_by_expiry;
CREATE INDEX licence_holder_by_expiry
    ON licence_holder (workspace_id, deleted, expires_on, name COLLATE NOCASE);
CREATE INDEX licence_holder_by_expiry_dateless_last
    ON licence_holder (workspace_id, deleted, ifnull(expires_on, '~'), name COLLATE NOCASE);
CREATE INDEX licence_holder_by_issued
    ON licence_holder (workspace_id, deleted, issued_on, name COLLATE NOCASE);
CREATE INDEX licence_holder_by_issued_dateless_last
    ON licence_holder (workspace_id, deleted, ifnull(issued_on, '~'), name COLLATE NOCASE);
CREATE INDEX licence_holder_by_licence_type
    ON licence_holder (workspace_id, deleted, licence_type, name COLLATE NOCASE);
CREATE INDEX licence_holder_by_life_order
    ON licence_holder (workspace_id, deleted,
        (CASE status WHEN 'applied' THEN 0 WHEN 'granted' THEN 1 WHEN 'suspended' THEN 2
                     WHEN 'expired' THEN 3 ELSE 4 END),
        name COLLATE NOCASE);

-- The text search (a part of a name, a national ID or a licence number, any case) through a
-- trigram index kept by triggers. Its rows are the holders' rowids: a VACUUM may renumber those,
-- so one must be followed by INSERT INTO licence_holder_search (licence_holder_search)
-- VALUES ('rebuild').
CREATE VIRTUAL TABLE licence_holder_search USING fts5 (
    name, national_id, licence_number,
    content = 'licence_holder', content_rowid = 'rowid',
    tokenize = 'trigram case_sensitive 0'
);
INSERT INTO licence_holder_search (licence_holder_search) VALUES ('rebuild');

CREATE TRIGGER licence_holder_search_insert AFTER INSERT ON licence_holder BEGIN
    INSERT INTO licence_holder_search (rowid, name, national_id, licence_number)
    VALUES (new.rowid, new.name, new.national_id, new.licence_number);
END;
CREATE TRIGGER licence_holder_search_delete AFTER DELETE ON licence_holder BEGIN
    INSERT INTO licence_holder_search (licence_holder_search, rowid, name, national_id, licence_number)
    VALUES ('delete', old.rowid, old.name, old.national_id, old.licence_number);
END;
CREATE TRIGGER licence_holder_search_update
AFTER UPDATE OF name, national_id, licence_number ON licence_holder BEGIN
    INSERT INTO licence_holder_search (licence_holder_search, rowid, name, national_id, licence_number)
    VALUES ('delete', old.rowid, old.name, old.national_id, old.licence_number);
    INSERT INTO licence_holder_search (rowid, name, national_id, licence_number)
    VALUES (new.rowid, new.name, new.national_id, new.licence_number);
END;
