import io.wharf.server.auth.Argon2idHasher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads one password line on stdin and prints its Argon2id hash at Wharf's default cost, the string Wharf's users
 * file holds. benchmarks/compare launches it as a single-file program with the server's jars on the class path:
 * {@code java -cp server/target/wharf.jar:server/target/lib/'*' HashPassword.java < password}.
 */
public final class HashPassword {

    private HashPassword() {
    }

    /** Prints the hash of the first stdin line. */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String password = in.readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("HashPassword: no password on stdin");
            System.exit(2);
        }
        Argon2idHasher hasher = new Argon2idHasher(Argon2idHasher.Cost.DEFAULT);
        System.out.println(hasher.hash(password.getBytes(StandardCharsets.UTF_8)));
    }
}
