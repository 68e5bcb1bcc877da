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

    static List<String> column(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/imagecogni_test", "postgres", "");
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
