# Every dependency comes from Debian's packages (see packaging/deps.txt).
add_compile_definitions(BOOST_DLL_USE_STD_FS)

find_package(Threads REQUIRED)
find_package(Poco REQUIRED COMPONENTS Foundation Net Util JSON Crypto NetSSL Zip)
find_package(yaml-cpp REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(date REQUIRED)
find_package(GTest REQUIRED)

# SOCI ships neither a CMake config nor a pkg-config file on Debian.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
find_library(SOCI_MYSQL_LIBRARY soci_mysql REQUIRED)
find_path(MARIADB_INCLUDE_DIR mysql.h PATH_SUFFIXES mariadb mysql REQUIRED)
add_library(Soci::core UNKNOWN IMPORTED)
set_target_properties(Soci::core PROPERTIES IMPORTED_LOCATION ${SOCI_CORE_LIBRARY}
                                            INTERFACE_INCLUDE_DIRECTORIES ${SOCI_INCLUDE_DIR})
add_library(Soci::sqlite3 UNKNOWN IMPORTED)
set_target_properties(Soci::sqlite3 PROPERTIES IMPORTED_LOCATION ${SOCI_SQLITE3_LIBRARY}
                                               INTERFACE_LINK_LIBRARIES "Soci::core;SQLite::SQLite3")
add_library(Soci::postgresql UNKNOWN IMPORTED)
set_target_properties(Soci::postgresql PROPERTIES IMPORTED_LOCATION ${SOCI_POSTGRESQL_LIBRARY}
                                                  INTERFACE_LINK_LIBRARIES "Soci::core;PostgreSQL::PostgreSQL")

# The MySQL/MariaDB backend (connectors reach customer databases with it); <mysql.h> comes
# from libmariadb-dev.
add_library(Soci::mysql UNKNOWN IMPORTED)
set_target_properties(Soci::mysql PROPERTIES IMPORTED_LOCATION ${SOCI_MYSQL_LIBRARY}
                                             INTERFACE_INCLUDE_DIRECTORIES ${MARIADB_INCLUDE_DIR}
                                             INTERFACE_LINK_LIBRARIES Soci::core)

find_package(valijson REQUIRED)

# libphonenumber ships no CMake config either.
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
add_library(PhoneNumber::phonenumber UNKNOWN IMPORTED)
set_target_properties(PhoneNumber::phonenumber PROPERTIES IMPORTED_LOCATION ${PHONENUMBER_LIBRARY}
                      INTERFACE_INCLUDE_DIRECTORIES ${PHONENUMBER_INCLUDE_DIR})
