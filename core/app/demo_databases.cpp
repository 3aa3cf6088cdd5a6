#include "app/demo_databases.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace dsrflow::app {
namespace {

namespace fs = std::filesystem;

struct Person {
  std::string email, firstName, lastName, phone, birthDate, city;
};

std::vector<Person> people() {
  std::vector<Person> list{
      {"ada@example.com", "Ada", "Lovelace", "+493012345601", "1815-12-10", "Berlin"},
      {"grace@example.com", "Grace", "Hopper", "+493012345602", "1906-12-09", "Hamburg"},
  };
  static constexpr std::array<const char*, 8> kFirst{"Alan",   "Barbara", "Claude",    "Dorothy",
                                                     "Edsger", "Frances", "Gottfried", "Hedy"};
  static constexpr std::array<const char*, 5> kLast{"Turing", "Liskov", "Shannon", "Vaughan",
                                                    "Dijkstra"};
  static constexpr std::array<const char*, 4> kCities{"Munich", "Cologne", "Leipzig", "Bremen"};
  for (std::size_t i = 0; i < 40; ++i) {
    list.push_back({"customer-" + std::to_string(i + 1) + "@example.com", kFirst[i % kFirst.size()],
                    kLast[i % kLast.size()], "+49301234" + std::to_string(5700 + i),
                    std::to_string(1960 + i) + "-0" + std::to_string(1 + i % 9) + "-1" +
                        std::to_string(i % 10),
                    kCities[i % kCities.size()]});
  }
  return list;
}

void createShop(const fs::path& file, const std::vector<Person>& persons) {
  soci::session sql(soci::sqlite3, file.string());
  sql << "PRAGMA foreign_keys = ON";
  soci::transaction tx(sql);
  sql << "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, phone TEXT, first_name "
         "TEXT, last_name TEXT, birth_date TEXT, created_at TEXT NOT NULL, marketing_opt_out "
         "INTEGER NOT NULL DEFAULT 0, restricted INTEGER NOT NULL DEFAULT 0)";
  sql << "CREATE TABLE addresses (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL "
         "REFERENCES customers (id), street TEXT, postcode TEXT, city TEXT, country TEXT)";
  sql << "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
         "customers (id), ordered_at TEXT NOT NULL, invoice_number TEXT, total_cents INTEGER)";
  sql << "CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL "
         "REFERENCES orders (id), sku TEXT, product_name TEXT, quantity INTEGER, price_cents "
         "INTEGER)";
  sql << "CREATE TABLE support_tickets (id INTEGER PRIMARY KEY, email TEXT, subject TEXT, body "
         "TEXT, created_at TEXT NOT NULL)";
  static constexpr std::array<const char*, 4> kProducts{"Notebook", "Fountain pen", "Desk lamp",
                                                        "Coffee beans"};
  int address = 0;
  int order = 0;
  int item = 0;
  int ticket = 0;
  for (std::size_t i = 0; i < persons.size(); ++i) {
    const Person& p = persons[i];
    const int id = static_cast<int>(i) + 1;
    const std::string created = "2024-0" + std::to_string(1 + i % 9) + "-15T10:00:00Z";
    sql << "INSERT INTO customers (id, email, phone, first_name, last_name, birth_date, "
           "created_at) VALUES (:id, :email, :phone, :first, :last, :birth, :created)",
        soci::use(id), soci::use(p.email), soci::use(p.phone), soci::use(p.firstName),
        soci::use(p.lastName), soci::use(p.birthDate), soci::use(created);
    const int addresses = i == 0 ? 2 : 1;
    for (int a = 0; a < addresses; ++a) {
      const std::string street = std::to_string(10 + a + static_cast<int>(i)) + " Demo Street";
      const std::string postcode = std::to_string(10115 + static_cast<int>(i) * 7 + a);
      const std::string country = "DE";
      ++address;
      sql << "INSERT INTO addresses (id, customer_id, street, postcode, city, country) VALUES "
             "(:id, :customer, :street, :postcode, :city, :country)",
          soci::use(address), soci::use(id), soci::use(street), soci::use(postcode),
          soci::use(p.city), soci::use(country);
    }
    const int orders = i == 0 ? 3 : static_cast<int>(i % 3);
    for (int o = 0; o < orders; ++o) {
      ++order;
      const std::string at = "2025-0" + std::to_string(1 + (o + static_cast<int>(i)) % 9) + "-0" +
                             std::to_string(1 + o) + "T12:00:00Z";
      const std::string invoice = "INV-2025-" + std::to_string(1000 + order);
      int total = 0;
      const int items = 1 + o % 2;
      std::vector<std::array<int, 3>> lines;
      for (int n = 0; n < items; ++n) {
        ++item;
        const int quantity = 1 + n;
        const int price = 499 + 250 * ((order + n) % 4);
        total += quantity * price;
        lines.push_back({item, quantity, price});
      }
      sql << "INSERT INTO orders (id, customer_id, ordered_at, invoice_number, total_cents) "
             "VALUES (:id, :customer, :at, :invoice, :total)",
          soci::use(order), soci::use(id), soci::use(at), soci::use(invoice), soci::use(total);
      for (const auto& [itemId, quantity, price] : lines) {
        const std::string product = kProducts[static_cast<std::size_t>(itemId) % kProducts.size()];
        const std::string sku = "SKU-" + std::to_string(100 + itemId % 4);
        sql << "INSERT INTO order_items (id, order_id, sku, product_name, quantity, price_cents) "
               "VALUES (:id, :order, :sku, :product, :quantity, :price)",
            soci::use(itemId), soci::use(order), soci::use(sku), soci::use(product),
            soci::use(quantity), soci::use(price);
      }
    }
    if (i == 0 || i % 5 == 0) {
      ++ticket;
      const std::string subject = "Where is my parcel?";
      const std::string body =
          "Hello, I ordered last week and have not received anything. " + p.firstName;
      sql << "INSERT INTO support_tickets (id, email, subject, body, created_at) VALUES (:id, "
             ":email, :subject, :body, :created)",
          soci::use(ticket), soci::use(p.email), soci::use(subject), soci::use(body),
          soci::use(created);
    }
  }
  tx.commit();
}

void createMarketing(const fs::path& file, const std::vector<Person>& persons) {
  soci::session sql(soci::sqlite3, file.string());
  sql << "PRAGMA foreign_keys = ON";
  soci::transaction tx(sql);
  sql << "CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, country "
         "TEXT, created_at TEXT NOT NULL, unsubscribed INTEGER NOT NULL DEFAULT 0)";
  sql << "CREATE TABLE consents (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL REFERENCES "
         "contacts (id), purpose TEXT, granted_at TEXT, withdrawn_at TEXT, source_ip TEXT)";
  sql << "CREATE TABLE events (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL REFERENCES "
         "contacts (id), kind TEXT, occurred_at TEXT, url TEXT, campaign TEXT)";
  sql << "CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
  sql << "CREATE TABLE list_memberships (contact_id INTEGER NOT NULL REFERENCES contacts (id), "
         "list_id INTEGER NOT NULL REFERENCES lists (id), joined_at TEXT, PRIMARY KEY "
         "(contact_id, list_id))";
  sql << "INSERT INTO lists (id, name) VALUES (1, 'Monthly newsletter'), (2, 'Product news')";
  static constexpr std::array<const char*, 3> kKinds{"email_open", "link_click", "page_view"};
  int consent = 0;
  int event = 0;
  // Ada, Grace and every second other customer are contacts; contacts are numbered on their
  // own, so only the copied e-mail address links them to the shop.
  int contact = 0;
  for (std::size_t i = 0; i < persons.size(); ++i) {
    if (i > 1 && i % 2 == 0) continue;
    const Person& p = persons[i];
    ++contact;
    const std::string created = "2024-1" + std::to_string(i % 3) + "-01T08:00:00Z";
    const std::string country = "DE";
    sql << "INSERT INTO contacts (id, email, first_name, country, created_at) VALUES (:id, "
           ":email, :first, :country, :created)",
        soci::use(contact), soci::use(p.email), soci::use(p.firstName), soci::use(country),
        soci::use(created);
    ++consent;
    const std::string purpose = "newsletter";
    const std::string ip = "192.0.2." + std::to_string(10 + i);
    sql << "INSERT INTO consents (id, contact_id, purpose, granted_at, source_ip) VALUES (:id, "
           ":contact, :purpose, :granted, :ip)",
        soci::use(consent), soci::use(contact), soci::use(purpose), soci::use(created),
        soci::use(ip);
    const int lists = i <= 1 ? 2 : 1;
    for (int list = 1; list <= lists; ++list) {
      sql << "INSERT INTO list_memberships (contact_id, list_id, joined_at) VALUES (:contact, "
             ":list, :joined)",
          soci::use(contact), soci::use(list), soci::use(created);
    }
    const int events = i <= 1 ? 25 : 3 + static_cast<int>(i % 5);
    for (int e = 0; e < events; ++e) {
      ++event;
      const std::string kind = kKinds[static_cast<std::size_t>(e) % kKinds.size()];
      const std::string at =
          "2025-0" + std::to_string(1 + e % 9) + "-1" + std::to_string(e % 10) + "T09:30:00Z";
      const std::string url = "https://shop.example.com/p/" + std::to_string(100 + e);
      const std::string campaign = "spring-" + std::to_string(2025);
      sql << "INSERT INTO events (id, contact_id, kind, occurred_at, url, campaign) VALUES (:id, "
             ":contact, :kind, :at, :url, :campaign)",
          soci::use(event), soci::use(contact), soci::use(kind), soci::use(at), soci::use(url),
          soci::use(campaign);
    }
  }
  tx.commit();
}

}  // namespace

Status createDemoDatabases(const fs::path& dir) {
  try {
    fs::create_directories(dir);
    const auto persons = people();
    // Written under a temporary name and renamed, so a failure never leaves half a database
    // that the next run would take for a finished one.
    for (const auto& [name, create] :
         {std::pair{"shop.db", &createShop}, std::pair{"marketing.db", &createMarketing}}) {
      const fs::path file = dir / name;
      if (fs::exists(file)) continue;
      const fs::path partial = dir / (std::string(name) + ".partial");
      fs::remove(partial);
      create(partial, persons);
      fs::rename(partial, file);
    }
    return Ok{};
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("creating the demo databases: ") + e.what()};
  }
}

}  // namespace dsrflow::app
