/** Name pools for generated people. Invented combinations; any likeness to a real person is chance. */

export const GIVEN_NAMES: readonly string[] = [
  'Adele', 'Alex', 'Allan', 'Amara', 'Ana', 'Andrés', 'Anika', 'Arjun', 'Aroha', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloé', 'Christie',
  'Dana', 'Daniel', 'Deepa', 'Diego', 'Dmitri', 'Eero', 'Elif', 'Emeka', 'Emily', 'Enrico', 'Fatima', 'Finn', 'Freya', 'Gabriel', 'Grace',
  'Hana', 'Hannah', 'Henrik', 'Hiroshi', 'Ibrahim', 'Ines', 'Isaac', 'Isla', 'Jakob', 'James', 'Jia', 'Joanna', 'Johanna', 'Jordan', 'José',
  'Kai', 'Kavya', 'Kenji', 'Kwame', 'Lara', 'Lee', 'Leila', 'Liam', 'Lidia', 'Lucas', 'Lynne', 'Mai', 'Malik', 'Maria', 'Mateo', 'Megan',
  'Miguel', 'Mila', 'Miriam', 'Nadia', 'Naveen', 'Nestor', 'Nia', 'Noah', 'Olga', 'Omar', 'Patti', 'Pedro', 'Priya', 'Quinn', 'Rahul',
  'Raj', 'Rania', 'Ravi', 'Rosa', 'Ruth', 'Saanvi', 'Sakura', 'Sam', 'Sara', 'Sean', 'Sipho', 'Sofia', 'Sven', 'Tamar', 'Tariq', 'Thandi',
  'Theo', 'Tomás', 'Uma', 'Valentina', 'Vikram', 'Wei', 'Yara', 'Yuki', 'Zainab', 'Zoe',
];

export const SURNAMES: readonly string[] = [
  'Abara', 'Adams', 'Ahmed', 'Andersen', 'Bakker', 'Banerjee', 'Becker', 'Bianchi', 'Brown', 'Campbell', 'Castillo', 'Chen', 'Cohen', 'Costa',
  'Da Silva', 'Dubois', 'Dupont', 'Eriksson', 'Fernández', 'Fischer', 'Fujita', 'García', 'Gonzalez', 'Gupta', 'Haddad', 'Hansen', 'Hernández',
  'Hoffmann', 'Horvat', 'Ibrahim', 'Ivanova', 'Jansen', 'Johnson', 'Kaur', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Laurent', 'Lee', 'Lopez',
  'Mahlangu', 'Martin', 'Mehta', 'Mensah', 'Meyer', 'Miller', 'Moreau', 'Müller', 'Murphy', 'Nakamura', 'Nguyen', 'Nielsen', 'Novak',
  'Nowak', "O'Brien", 'Okafor', 'Okoye', 'Olsen', 'Park', 'Patel', 'Pereira', 'Petrov', 'Quispe', 'Reddy', 'Ricci', 'Rossi', 'Sato',
  'Schmidt', 'Schneider', 'Shah', 'Silva', 'Singh', 'Smith', 'Suzuki', 'Takahashi', 'Tanaka', 'Taylor', 'Thompson', 'Tran', 'Van Dijk',
  'Vance', 'Walker', 'Wang', 'Weber', 'Wilber', 'Williams', 'Wong', 'Yamamoto', 'Yilmaz', 'Young', 'Zhang',
];

/** Home organisations of guests (reserved .example domains). */
export const GUEST_HOME_DOMAINS: readonly string[] = ['fabrikam.example', 'northwind.example', 'adatum.example', 'tailspin.example'];

/** Lower-case ASCII for mail local parts (the pools hold accents, apostrophes and spaces). */
export function asciiLower(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
    FOLDED.set(text, folded);
  }
  return folded;
}

// The pools are small and reused for every person: fold each name once.
const FOLDED = new Map<string, string>();
