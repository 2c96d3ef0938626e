/// The project's JUnit XML schema, embedded so validation needs no resource bundle at run time.
///
/// Generated from `Resources/cvat-authcheck-junit.xsd`; a test checks the two are identical.
enum ProjectJUnitSchema {
    static let text = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!--
  cvat-authcheck JUnit XML: the exact shape the tool writes (docs/REPORTS.md).

  Stricter than the Jenkins xUnit schema on purpose; every document valid here is also valid against
  jenkins-junit-10.xsd:
  - flat: testsuites > testsuite > testcase (no nesting);
  - every testsuite carries name, hostname, timestamp (no time zone), tests, failures, errors,
    skipped and time, and a properties element first;
  - time is plain seconds with a dot and at most three decimals;
  - classname is dotted and starts with "cvat."; (classname, name) is unique in the document;
  - a testcase holds at most one of failure | error | skipped, then optional system-out / system-err.
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">

  <xs:simpleType name="seconds">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9]+(\.[0-9]{1,3})?"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="count">
    <xs:restriction base="xs:nonNegativeInteger"/>
  </xs:simpleType>

  <xs:simpleType name="timestamp">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="nonEmpty">
    <xs:restriction base="xs:string">
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="classname">
    <xs:restriction base="xs:string">
      <xs:pattern value="cvat(\.[A-Za-z0-9_\-]+)+"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:complexType name="problem" mixed="true">
    <xs:attribute name="message" type="xs:string" use="required"/>
    <xs:attribute name="type" type="nonEmpty" use="required"/>
  </xs:complexType>

  <xs:complexType name="skip" mixed="true">
    <xs:attribute name="message" type="xs:string" use="required"/>
  </xs:complexType>

  <xs:complexType name="property">
    <xs:attribute name="name" type="nonEmpty" use="required"/>
    <xs:attribute name="value" type="xs:string" use="required"/>
  </xs:complexType>

  <xs:complexType name="properties">
    <xs:sequence>
      <xs:element name="property" type="property" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="testcase">
    <xs:sequence>
      <xs:choice minOccurs="0" maxOccurs="1">
        <xs:element name="failure" type="problem"/>
        <xs:element name="error" type="problem"/>
        <xs:element name="skipped" type="skip"/>
      </xs:choice>
      <xs:element name="system-out" type="xs:string" minOccurs="0"/>
      <xs:element name="system-err" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="name" type="nonEmpty" use="required"/>
    <xs:attribute name="classname" type="classname" use="required"/>
    <xs:attribute name="time" type="seconds" use="required"/>
  </xs:complexType>

  <xs:complexType name="testsuite">
    <xs:sequence>
      <xs:element name="properties" type="properties"/>
      <xs:element name="testcase" type="testcase" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="system-out" type="xs:string" minOccurs="0"/>
      <xs:element name="system-err" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="name" type="nonEmpty" use="required"/>
    <xs:attribute name="hostname" type="nonEmpty" use="required"/>
    <xs:attribute name="timestamp" type="timestamp" use="required"/>
    <xs:attribute name="tests" type="count" use="required"/>
    <xs:attribute name="failures" type="count" use="required"/>
    <xs:attribute name="errors" type="count" use="required"/>
    <xs:attribute name="skipped" type="count" use="required"/>
    <xs:attribute name="time" type="seconds" use="required"/>
  </xs:complexType>

  <xs:element name="testsuites">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="testsuite" type="testsuite" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="tests" type="count" use="required"/>
      <xs:attribute name="failures" type="count" use="required"/>
      <xs:attribute name="errors" type="count" use="required"/>
      <xs:attribute name="time" type="seconds" use="required"/>
    </xs:complexType>
    <xs:unique name="unique-suite-name">
      <xs:selector xpath="testsuite"/>
      <xs:field xpath="@name"/>
    </xs:unique>
    <xs:unique name="unique-case">
      <xs:selector xpath="testsuite/testcase"/>
      <xs:field xpath="@classname"/>
      <xs:field xpath="@name"/>
    </xs:unique>
  </xs:element>
</xs:schema>
"""#
}
