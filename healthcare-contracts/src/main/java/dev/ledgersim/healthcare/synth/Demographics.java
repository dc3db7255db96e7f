package dev.ledgersim.healthcare.synth;

import java.util.List;

/**
 * The name, street and place lists the generator draws people and addresses from. Every combination is
 * made up; phone numbers use the Australian {@code 5550 xxxx} range set aside for fiction. Immutable.
 */
final class Demographics {

    /**
     * A town with its state, postcode, telephone area code and relative frequency.
     *
     * @param city the town
     * @param state the state or territory
     * @param postcode its postcode
     * @param areaCode the telephone area digit
     * @param weight relative frequency
     */
    record Place(String city, String state, String postcode, String areaCode, int weight) {
    }

    static final List<String> FEMALE = List.of("Olivia", "Charlotte", "Amelia", "Isla", "Mia", "Ava", "Grace", "Chloe",
            "Sophie", "Emily", "Ruby", "Zoe", "Hannah", "Lucy", "Ella", "Priya", "Mei", "Aisha", "Fatima", "Sofia", "Hana",
            "Yuna", "Ngoc", "Anika", "Leila", "Jasmine", "Maya", "Sarah", "Jessica", "Alice");

    static final List<String> MALE = List.of("Oliver", "Jack", "William", "Noah", "Leo", "Henry", "Thomas", "James",
            "Lucas", "Ethan", "Liam", "Samuel", "Daniel", "Matthew", "Joshua", "Ryan", "Arjun", "Wei", "Minh", "Omar",
            "Hiroshi", "Jun", "Mateo", "Luca", "Kai", "Ravi", "David", "Benjamin", "Robert", "George");

    static final List<String> FAMILY = List.of("Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson",
            "White", "Martin", "Anderson", "Thompson", "Nguyen", "Tran", "Pham", "Chen", "Wang", "Li", "Zhang", "Liu", "Kim",
            "Lee", "Park", "Patel", "Singh", "Kumar", "Sharma", "Khan", "Ahmed", "Walker", "Harris", "Ryan", "Robinson",
            "Kelly", "King", "Campbell", "Clarke", "Hughes", "Murphy", "Rossi", "Russo", "Papadopoulos", "Nikolaidis",
            "Murray", "Young", "Mitchell", "Evans", "Morris", "Cooper", "Sato", "Haddad");

    static final List<String> STREETS = List.of("Wattle", "Banksia", "Acacia", "Jacaranda", "Waratah", "Kurrajong",
            "Bottlebrush", "Grevillea", "Boronia", "Melaleuca", "Casuarina", "Magnolia", "Hakea", "Correa", "Coolabah",
            "Myrtle", "Tea Tree", "Paperbark", "Saltbush", "Bluegum");

    static final List<String> STREET_TYPES = List.of("Street", "Road", "Avenue", "Crescent", "Terrace", "Drive", "Court",
            "Parade", "Lane", "Way");

    static final List<Place> PLACES = List.of(
            new Place("Adelaide", "SA", "5000", "8", 12),
            new Place("Glenelg", "SA", "5045", "8", 4),
            new Place("Mount Gambier", "SA", "5290", "8", 3),
            new Place("Whyalla", "SA", "5600", "8", 2),
            new Place("Port Augusta", "SA", "5700", "8", 2),
            new Place("Murray Bridge", "SA", "5253", "8", 2),
            new Place("Victor Harbor", "SA", "5211", "8", 2),
            new Place("Melbourne", "VIC", "3000", "3", 3),
            new Place("Geelong", "VIC", "3220", "3", 1),
            new Place("Sydney", "NSW", "2000", "2", 3),
            new Place("Newcastle", "NSW", "2300", "2", 1),
            new Place("Brisbane", "QLD", "4000", "7", 2),
            new Place("Townsville", "QLD", "4810", "7", 1),
            new Place("Perth", "WA", "6000", "8", 2),
            new Place("Hobart", "TAS", "7000", "3", 1),
            new Place("Darwin", "NT", "0800", "8", 1),
            new Place("Canberra", "ACT", "2600", "2", 1));

    private Demographics() {
    }
}
