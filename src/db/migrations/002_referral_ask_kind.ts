// Migration 2: `refer stats` reads the funnel from one index of referrals, by the time asked.
//
// Only the referrals of referral asks count (one named in a quote or review ask does not). The
// funnel used to find them by joining every referral ask to its referrals: on a long history
// (100,000 asks) that join was most of the time `refer stats` took. Each referral now carries its
// ask's kind, kept by triggers whatever writes the row (an ask, the demo, a restore), so the
// funnel of any period is one range of referrals_funnel.

export default `
ALTER TABLE referrals ADD COLUMN ask_kind TEXT NOT NULL DEFAULT 'referral'
  CHECK (ask_kind IN ('referral', 'quote', 'review', 'event', 'beta'));
UPDATE referrals SET ask_kind = (SELECT kind FROM asks WHERE asks.id = referrals.ask_id);

CREATE TRIGGER referrals_ask_kind AFTER INSERT ON referrals BEGIN
  UPDATE referrals SET ask_kind = (SELECT kind FROM asks WHERE id = NEW.ask_id) WHERE id = NEW.id;
END;
CREATE TRIGGER asks_kind_to_referrals AFTER UPDATE OF kind ON asks BEGIN
  UPDATE referrals SET ask_kind = NEW.kind WHERE ask_id = NEW.id;
END;

-- the funnel of a period with the milliseconds each median measures, from the index alone
-- (src/db/repos/stats.ts MEDIAN_SQL writes the same expressions)
CREATE INDEX referrals_funnel ON referrals (ask_kind, asked_at, reached, stage,
  round((julianday(introduced_at) - julianday(asked_at)) * 86400000),
  round((julianday(meeting_at) - julianday(introduced_at)) * 86400000),
  round((julianday(won_at) - julianday(asked_at)) * 86400000));
`;
