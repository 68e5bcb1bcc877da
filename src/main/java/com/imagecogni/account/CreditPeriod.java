package com.imagecogni.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A billing period: the calendar month (UTC) that contains a given instant. */
public record CreditPeriod(LocalDate start, Instant startsAt, Instant endsAt) {

    public static CreditPeriod containing(Instant now) {
        LocalDate start = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
        return new CreditPeriod(start, start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                start.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
