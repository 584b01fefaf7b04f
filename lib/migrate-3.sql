-- migrate-3.sql: schema 2 to 3, phones: the phone.country setting, and
-- every customer's phone in the form intake now matches (E.164 when it
-- has a + or 00; as digits otherwise, which intake still finds once
-- phone.country is set).
INSERT OR IGNORE INTO settings (key, value) VALUES ('phone.country', '');
UPDATE customers SET phone = coalesce(phone_e164(phone,
    (SELECT value FROM settings WHERE key = 'phone.country')), phone)
    WHERE phone IS NOT NULL;
