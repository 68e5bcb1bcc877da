package com.imagecogni.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Creates the test database on the local PostgreSQL before Quarkus starts, so {@code ./mvnw verify}
 * needs nothing but a running server. Host, user and password follow PGHOST/PGUSER/PGPASSWORD.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    static final String NAME = "imagecogni_test";

    @Override
    public Map<String, String> start() {
        String host = env("PGHOST", "127.0.0.1");
        String url = "jdbc:postgresql://" + host + ":5432/postgres";
        try (Connection c = DriverManager.getConnection(url, env("PGUSER", "postgres"), env("PGPASSWORD", ""));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + NAME + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + NAME);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run on " + host + ":5432 for the tests (see README): "
                    + e.getMessage(), e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
