-- Custom SQL migration file, put your code below! ---- Fill search_bigrams for groups stored before the column existed (same rule as buildBigrams in search.ts).
UPDATE "groups" SET "search_bigrams" = ARRAY(
  SELECT DISTINCT substr("search_text", i, 2) FROM generate_series(1, greatest(char_length("search_text") - 1, 0)) AS i
  WHERE position(' ' in substr("search_text", i, 2)) = 0
) WHERE "search_bigrams" = '{}' AND "search_text" <> '';
