-- Extra headers of a sent mail (RFC 8058 one-click unsubscribe for the newsletter: List-Unsubscribe,
-- List-Unsubscribe-Post), kept with the message in the outbox.
ALTER TABLE "outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;
