package com.imagecogni.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC reads of the test database, for assertions about rows the processes wrote. */
final class TestDb {

    private TestDb() {
    }

    /** Creates the processes' database when it is missing (Flyway then migrates it at the first start). */
    static synchronized void ensureDatabase() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                PreparedStatement s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            s.setString(1, ServiceProcess.DATABASE);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    c.createStatement().execute("create database " + ServiceProcess.DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> column(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + ServiceProcess.DATABASE, "postgres",
                "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
