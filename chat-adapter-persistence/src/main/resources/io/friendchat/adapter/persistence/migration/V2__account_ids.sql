-- Ids of accounts created without one (the admin API). Drawn from a sequence, so that
-- concurrent creations never draw the same id; the directory moves it past any id a host
-- chose, so generated ids stay above every id in use.
create sequence account_ids start with 1;
