-- Issue #12: the first allow-listed address now comes from whoever completes the verification.
-- Entries that sign-up recorded for accounts still pending were chosen by whoever signed up
-- first, not necessarily the email's owner, so they go; verification adds the verifier's address.
delete from allowed_ip i using account a where a.id = i.account_id and a.status = 'pending';
