package dev.gatehouse.cli;

import dev.gatehouse.crypto.PasswordHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Reads a password from stdin and prints its argon2id hash (for blueprints and imports). */
@Command(name = "hash_password", description = "Read a password from stdin, print its argon2id hash")
public final class HashPasswordCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        String password = input.endsWith("\r\n") ? input.substring(0, input.length() - 2)
                : input.endsWith("\n") ? input.substring(0, input.length() - 1) : input;
        if (password.isEmpty()) {
            System.err.println("gatehouse: no password on standard input");
            return 1;
        }
        System.out.println(new PasswordHasher().hash(password));
        return 0;
    }
}
