# CPack last: a Debian package of the dsrflow executable (grown by the packaging issue).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_CONTACT "dsrflow maintainers <maintainers@dsrflow.invalid>")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
