package ai.dyad.gateway.host.users;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void unknownAccountsAreCheckedAgainstAWellFormedHashOfTheConfiguredCost() {
        PasswordHasher passwords = new PasswordHasher(10);

        BCrypt.Result check = BCrypt.verifyer().verify("a guess".toCharArray(), passwords.decoy());

        assertThat(check.validFormat).isTrue();
        assertThat(check.details.cost).isEqualTo(10);
        assertThat(check.verified).isFalse();
    }

    @Test
    void aPasswordMatchesOnlyItsOwnHash() {
        PasswordHasher passwords = new PasswordHasher(10);
        String hash = passwords.hash("correct horse");

        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(passwords.matches("wrong horse", hash)).isFalse();
        assertThat(passwords.matches("x".repeat(PasswordHasher.MAX_BYTES + 1), hash))
                .isFalse();
    }
}
