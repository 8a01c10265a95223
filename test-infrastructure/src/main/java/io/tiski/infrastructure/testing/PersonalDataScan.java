package io.tiski.infrastructure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Looks for a piece of personal data (a name, an address) anywhere a service keeps data: every row of every table
 * of its schema — in the row's text form, which covers text, JSON and full-text vectors, and inside every
 * {@code bytea} column — and every file under an object store's directory. For erasure tests.
 */
public final class PersonalDataScan {
    private PersonalDataScan() {
    }

    /** Table name → rows that contain {@code needle} (case-insensitive in text, exact in bytes). */
    public static Map<String, Long> rowsContaining(DataSource dataSource, String needle) {
        Map<String, Long> found = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT table_name FROM "
                    + "information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables in the current schema: wrong database?");
            }
            for (String table : tables) {
                long rows = count(connection, "SELECT count(*) FROM \"" + table + "\" x WHERE lower(x::text) LIKE ?",
                        "%" + needle.toLowerCase(Locale.ROOT) + "%");
                for (String column : binaryColumns(connection, table)) {
                    rows += count(connection, "SELECT count(*) FROM \"" + table + "\" WHERE position(convert_to(?, "
                            + "'UTF8') IN \"" + column + "\") > 0", needle);
                }
                if (rows > 0) {
                    found.put(table, rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scan failed: " + e.getMessage(), e);
        }
        return found;
    }

    /** Files under {@code root} whose bytes contain {@code needle} (UTF-8). */
    public static List<Path> filesContaining(Path root, String needle) {
        if (!Files.exists(root)) {
            return List.of();
        }
        String pattern = new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(pattern)) {
                    found.add(file);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> binaryColumns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ? AND data_type = 'bytea'")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static long count(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
