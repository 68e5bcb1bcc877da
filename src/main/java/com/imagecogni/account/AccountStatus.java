package com.imagecogni.account;

/** Lifecycle of an account: created by sign-up, active once its email is verified. */
public enum AccountStatus {
    pending,
    active
}
