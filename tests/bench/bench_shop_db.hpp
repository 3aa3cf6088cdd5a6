#pragma once
// The generated shop database of the SQL connector benchmark: customers with orders, order items
// and events, made inside PostgreSQL with generate_series, plus subjects of chosen sizes.
//
// Bulk customers' rows are interleaved the way a live shop's are (a customer's orders and
// events lie on different pages); each chosen subject's rows are inserted together. Order dates
// count back from today, so part of every subject's orders is past its retention period.

#include <cstddef>
#include <string>
#include <vector>

namespace dsrflow::bench {

//! The shop's dataset: e-mail finds the customer, whose id finds orders and events; order ids
//! find the items. Erasure pseudonymises the name, nulls the other contact fields, deletes
//! events and items, and keeps orders 8 years from the end of their year.
constexpr const char* kShopDataset = R"(dataset: bench_shop
description: Generated shop of the SQL connector benchmark
origin: provided
tables:
  - name: customer
    fields:
      - {name: id, primary_key: true, categories: [user.unique_id], origin: observed}
      - {name: email, categories: [user.contact.email], identity: email, erasure: set_null}
      - {name: name, categories: [user.name], erasure: pseudonymise}
      - {name: phone, categories: [user.contact.phone_number], erasure: set_null}
      - {name: street, categories: [user.contact.address.street], erasure: set_null}
      - {name: city, categories: [user.contact.address.city], erasure: set_null}
      - {name: birth_date, categories: [user.demographic.date_of_birth], erasure: set_null}
      - name: created_at
  - name: orders
    erasure:
      retain: {basis: "HGB §257 (1) 4, AO §147 (1) 4", years: 8, from: ordered_on}
    fields:
      - {name: id, primary_key: true, categories: [system.operations], origin: observed}
      - name: customer_id
        references: [{field: customer.id, direction: from}]
      - {name: ordered_on, categories: [user.behavior.purchase_history], origin: observed}
      - {name: total_cents, categories: [user.financial], origin: observed}
      - {name: shipping_address, categories: [user.contact.address]}
  - name: order_item
    erasure: delete_row
    fields:
      - {name: id, primary_key: true, categories: [system.operations], origin: observed}
      - name: order_id
        references: [{field: orders.id, direction: from}]
      - {name: sku, categories: [user.behavior.purchase_history], origin: observed}
      - {name: product_name, categories: [user.behavior.purchase_history], origin: observed}
      - {name: quantity, categories: [user.behavior.purchase_history], origin: observed}
      - {name: price_cents, categories: [user.financial], origin: observed}
  - name: event
    erasure: delete_row
    fields:
      - {name: id, primary_key: true, categories: [system.operations], origin: observed}
      - name: customer_id
        references: [{field: customer.id, direction: from}]
      - {name: kind, categories: [user.behavior.browsing_history], origin: observed}
      - {name: occurred_at, categories: [user.behavior.browsing_history], origin: observed}
      - {name: ip_address, categories: [user.device.ip_address], origin: observed}
      - {name: payload, categories: [user.behavior.browsing_history], origin: observed}
)";

//! One customer's share of the shop.
struct SubjectShape {
  long long orders = 0;
  long long itemsPerOrder = 0;
  long long events = 0;
  [[nodiscard]] long long rows() const { return 1 + orders * (1 + itemsPerOrder) + events; }
};

//! `count` customers of one shape, with consecutive ids from `firstId`.
struct SubjectGroup {
  SubjectShape shape;
  long long count = 0;
  long long firstId = 0;
};

inline std::string customerEmail(long long id) {
  return "customer" + std::to_string(id) + "@example.com";
}

// The rows' values, from `id` (and `owner`, the parent's id; for orders `n`, the customer's
// n-th order) of a FROM clause named s.
inline std::string insertCustomers(const std::string& from) {
  return "INSERT INTO customer SELECT id, 'customer' || id || '@example.com', 'Customer ' || id, "
         "'+4930' || (10000000 + id), id || ' Main Street', "
         "(ARRAY['Berlin','Hamburg','Munich','Cologne'])[1 + id % 4], "
         "date '1950-01-01' + ((id::bigint * 7919) % 20000)::integer, "
         "timestamptz '2015-01-01 00:00+00' + id * interval '3 minutes' FROM " +
         from;
}

inline std::string insertOrders(const std::string& from) {
  return "INSERT INTO orders SELECT id, owner, CURRENT_DATE - (n * 1847) % 5000, "
         "1000 + id % 90000, id || ' Main Street, Berlin' FROM " +
         from;
}

inline std::string insertItems(const std::string& from) {
  return "INSERT INTO order_item SELECT id, owner, 'SKU-' || id % 5000, 'Product ' || id % 5000, "
         "1 + id % 3, 100 + id % 9900 FROM " +
         from;
}

inline std::string insertEvents(const std::string& from) {
  return "INSERT INTO event SELECT id, owner, "
         "(ARRAY['login','view','click','search'])[1 + id % 4], "
         "timestamptz '2020-01-01 00:00+00' + id * interval '7 seconds', "
         "'10.' || id % 250 || '.' || id % 200 || '.1', "
         "'page=/products/' || id % 5000 || '&ref=newsletter&agent=Mozilla/5.0 (X11; Linux "
         "x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' FROM " +
         from;
}

//! Statements creating the shop with `customers` bulk customers (2 orders of 2 items and 3
//! events each, interleaved) and the subject groups (ids after the bulk), then keys, indexes,
//! foreign keys and statistics.
inline std::vector<std::string> shopStatements(long long customers,
                                               const std::vector<SubjectGroup>& groups) {
  const std::string n = std::to_string(customers);
  std::vector<std::string> sql = {
      "CREATE TABLE customer (id bigint NOT NULL, email text, name text, phone text, street "
      "text, city text, birth_date date, created_at timestamptz NOT NULL)",
      "CREATE TABLE orders (id bigint NOT NULL, customer_id bigint NOT NULL, ordered_on date NOT "
      "NULL, total_cents bigint, shipping_address text)",
      "CREATE TABLE order_item (id bigint NOT NULL, order_id bigint NOT NULL, sku text, "
      "product_name text, quantity integer, price_cents bigint)",
      "CREATE TABLE event (id bigint NOT NULL, customer_id bigint NOT NULL, kind text NOT NULL, "
      "occurred_at timestamptz NOT NULL, ip_address text, payload text)",
      insertCustomers("(SELECT g AS id FROM generate_series(1, " + n + ") g) s"),
      insertOrders("(SELECT g AS id, 1 + (g - 1) % " + n + " AS owner, 1 + (g - 1) / " + n +
                   " AS n FROM generate_series(1, 2 * " + n + ") g) s"),
      insertItems("(SELECT g AS id, 1 + (g - 1) % (2 * " + n +
                  ") AS owner FROM generate_series(1, 4 * " + n + ") g) s"),
      insertEvents("(SELECT g AS id, 1 + (g - 1) % " + n +
                   " AS owner FROM generate_series(1, 3 * " + n + ") g) s"),
  };
  long long orderBase = 2 * customers;
  long long itemBase = 4 * customers;
  long long eventBase = 3 * customers;
  for (const SubjectGroup& g : groups) {
    const std::string count = std::to_string(g.count);
    const std::string first = std::to_string(g.firstId);
    const std::string o = std::to_string(g.shape.orders);
    const std::string i = std::to_string(g.shape.itemsPerOrder);
    const std::string e = std::to_string(g.shape.events);
    sql.push_back(insertCustomers("(SELECT " + first + " + k - 1 AS id FROM generate_series(1, " +
                                  count + ") k) s"));
    if (g.shape.orders > 0) {
      sql.push_back(insertOrders("(SELECT " + std::to_string(orderBase) + " + (k - 1) * " + o +
                                 " + j AS id, " + first +
                                 " + k - 1 AS owner, j AS n FROM generate_series(1, " + count +
                                 ") k, generate_series(1, " + o + ") j) s"));
    }
    if (g.shape.orders > 0 && g.shape.itemsPerOrder > 0) {
      sql.push_back(insertItems("(SELECT " + std::to_string(itemBase) + " + ((k - 1) * " + o +
                                " + j - 1) * " + i + " + m AS id, " + std::to_string(orderBase) +
                                " + (k - 1) * " + o + " + j AS owner FROM generate_series(1, " +
                                count + ") k, generate_series(1, " + o +
                                ") j, generate_series(1, " + i + ") m) s"));
    }
    if (g.shape.events > 0) {
      sql.push_back(insertEvents("(SELECT " + std::to_string(eventBase) + " + (k - 1) * " + e +
                                 " + j AS id, " + first +
                                 " + k - 1 AS owner FROM "
                                 "generate_series(1, " +
                                 count + ") k, generate_series(1, " + e + ") j) s"));
    }
    orderBase += g.count * g.shape.orders;
    itemBase += g.count * g.shape.orders * g.shape.itemsPerOrder;
    eventBase += g.count * g.shape.events;
  }
  for (const char* statement :
       {"ALTER TABLE customer ADD PRIMARY KEY (id)", "ALTER TABLE orders ADD PRIMARY KEY (id)",
        "ALTER TABLE order_item ADD PRIMARY KEY (id)", "ALTER TABLE event ADD PRIMARY KEY (id)",
        "CREATE UNIQUE INDEX customer_email ON customer (email)",
        "CREATE INDEX orders_customer ON orders (customer_id)",
        "CREATE INDEX order_item_order ON order_item (order_id)",
        "CREATE INDEX event_customer ON event (customer_id)",
        "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customer (id)",
        "ALTER TABLE order_item ADD FOREIGN KEY (order_id) REFERENCES orders (id)",
        "ALTER TABLE event ADD FOREIGN KEY (customer_id) REFERENCES customer (id)",
        "VACUUM (ANALYZE) customer", "VACUUM (ANALYZE) orders", "VACUUM (ANALYZE) order_item",
        "VACUUM (ANALYZE) event"}) {
    sql.emplace_back(statement);
  }
  return sql;
}

}  // namespace dsrflow::bench
