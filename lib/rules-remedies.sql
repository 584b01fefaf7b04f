-- rules-remedies.sql: triage rules of schema 4, added to a new case file
-- after rules.sql and to an older one by its migration, each only when
-- the file lacks it.  only_with and not_with hold folded words (a
-- trailing * for any ending): the rule fires only when one of only_with
-- is in the same clause, and never when one of not_with is.
INSERT INTO rules (kind, lang, pattern, severity, flag, only_with, not_with)
SELECT column1, column2, column3, column4, column5, column6, column7
FROM (VALUES
	-- the police and the consumer authorities of each language
	('legal', 'en', 'police', 3, 'legal', NULL, NULL),
	('legal', 'en', 'trading standards', 3, 'legal', NULL, NULL),
	('legal', 'en', 'consumer protection', 3, 'legal', NULL, NULL),
	('legal', 'en', 'citizens advice', 3, 'legal', NULL, NULL),
	('legal', 'en', 'regulator', 3, 'legal', NULL, NULL),
	('legal', 'id', 'polisi', 3, 'legal', NULL, NULL),
	('legal', 'id', 'bpsk', 3, 'legal', NULL, NULL),
	('legal', 'id', 'ylki', 3, 'legal', NULL, NULL),
	('legal', 'id', 'perlindungan konsumen', 3, 'legal', NULL, NULL),
	('legal', 'id', 'lapor ke polisi', 3, 'legal', NULL, NULL),
	('legal', 'sv', 'polis', 3, 'legal', NULL, NULL),
	('legal', 'sv', 'polisen', 3, 'legal', NULL, NULL),
	('legal', 'sv', 'konsumentverket', 3, 'legal', NULL, NULL),
	('legal', 'sv', 'arn', 3, 'legal', NULL, NULL),
	('legal', 'sv', 'allmänna reklamationsnämnden', 3, 'legal', NULL,
	    NULL),
	('legal', 'sv', 'konsumentombudsman*', 3, 'legal', NULL, NULL),
	-- goods that arrive damaged: a flag, not an injury
	('damage', 'sv', 'skadad*', NULL, 'damaged',
	    'vara,varan,varor*,paket*,produkt*,förpackning*,kartong*,låda*,'
	    || 'lådan,leverans*,gods*,möbel*,möbler*', NULL)
) AS v WHERE NOT EXISTS (SELECT 1 FROM rules r WHERE r.kind = v.column1
    AND r.pattern = v.column3);
-- Swedish skadad about goods is not an injury; a smoke alarm is no smoke.
UPDATE rules SET not_with = 'vara,varan,varor*,paket*,produkt*,'
    || 'förpackning*,kartong*,låda*,lådan,leverans*,gods*,möbel*,möbler*'
    WHERE kind = 'safety' AND lang = 'sv'
    AND pattern IN ('skadad*', 'skadade') AND not_with IS NULL;
UPDATE rules SET not_with = 'alarm*,detector*'
    WHERE kind = 'safety' AND lang = 'en' AND pattern = 'smoke'
    AND not_with IS NULL;
