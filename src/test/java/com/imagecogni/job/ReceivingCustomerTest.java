package com.imagecogni.job;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.imagecogni.support.Db;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.TestAccounts;

import jakarta.inject.Inject;

/** Base of job tests: a fresh customer with an API key and a configuration posting to a live receiver. */
abstract class ReceivingCustomerTest {

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    PostbackReceiver receiver;
    TestAccounts.TestAccount account;
    String key;
    String configId;

    /** The operations of the test's configuration. */
    String operations() {
        return "[{\"type\": \"rotate\", \"degrees\": 90}]";
    }

    @BeforeEach
    void setUpCustomer() throws Exception {
        receiver = new PostbackReceiver();
        account = accounts.create(getClass().getSimpleName().toLowerCase());
        key = accounts.createApiKey(account);
        configId = JobFixtures.config(account, receiver.url(), operations());
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }
}
