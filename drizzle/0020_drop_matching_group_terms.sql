-- The derived term index of decision 0004 is no longer read or written: matching ranks with the
-- shared Japanese engine (core/japanese/rank.ts, core/search) over the groups room's published
-- profiles (issue 7: an unused table of another room's data). Derived data only: nothing is lost.
DROP TABLE IF EXISTS "matching_group_terms";
