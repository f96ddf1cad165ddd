import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectionItemType } from './csdl-model';
import { parseCsdl } from './csdl-parser';
import { extract, formatExtract, ROOTS, WITH_DERIVED } from './extract-metadata';
import { GRAPH_V1_METADATA } from './graph-metadata';

/** A CSDL in the shape of Microsoft's: an aliased namespace, a second schema, annotations, comments, entities. */
const CSDL = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <!-- <EntityType Name="commentedOut" /> -->
      <EnumType Name="authenticationPhoneType">
        <Member Name="office" Value="2" />
        <Member Name="mobile" Value="0" />
        <Member Name="unknownFutureValue" Value="3" />
        <Member Name="alternateMobile" Value="1" />
      </EnumType>
      <EnumType Name="modes" IsFlags="true">
        <Member Name="password" Value="1" />
        <Member Name="sms" Value="2" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="authenticationMethod" BaseType="graph.entity" Abstract="true">
        <Property Name="createdDateTime" Type="Edm.DateTimeOffset" />
      </EntityType>
      <EntityType Name="phoneAuthenticationMethod" BaseType="graph.authenticationMethod">
        <Property Name="phoneNumber" Type="Edm.String">
          <Annotation Term="Org.OData.Core.V1.Description" String="The phone number &quot;as entered&quot; &gt; E.164." />
        </Property>
        <Property Name="phoneType" Type="graph.authenticationPhoneType" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity" OpenType="true">
        <Property Name="businessPhones" Type="Collection(Edm.String)" Nullable="false" />
        <Property Name="strength" Type="graph.strength" />
        <NavigationProperty Name="manager" Type="graph.entity" />
        <NavigationProperty Name="photos" Type="Collection(graph.profilePhoto)" ContainsTarget="true" />
      </EntityType>
      <ComplexType Name="strength">
        <Property Name="allowed" Type="Collection(graph.modes)" Nullable="false" />
        <Property Name="alert" Type="microsoft.graph.security.alert" />
      </ComplexType>
      <EntityType Name="profilePhoto" BaseType="graph.entity" />
      <EntityType Name="unrelated" BaseType="graph.entity" />
    </Schema>
    <Schema Namespace="microsoft.graph.security" Alias="self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="alert">
        <Property Name="severity" Type="self.alertSeverity" Nullable="false" />
      </ComplexType>
      <EnumType Name="alertSeverity"><Member Name="low" Value="0" /></EnumType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;
const SOURCE = { repository: 'r', path: 'p', commit: '0'.repeat(40), extractedBy: 'test' };

describe('parseCsdl and extract', () => {
  const document = parseCsdl(CSDL);
  const result = extract(document, SOURCE, ['user'], ['authenticationMethod']);

  it('reads types with qualified names, base types, Nullable (default true), annotations and comments skipped', () => {
    expect(document.structuredTypes.has('microsoft.graph.commentedOut')).toBe(false);
    expect(document.structuredTypes.get('microsoft.graph.phoneAuthenticationMethod')).toEqual({
      kind: 'entity',
      baseType: 'microsoft.graph.authenticationMethod',
      properties: {
        phoneNumber: { type: 'Edm.String', nullable: true },
        phoneType: { type: 'microsoft.graph.authenticationPhoneType', nullable: true },
      },
    });
    expect(document.structuredTypes.get('microsoft.graph.security.alert')?.properties.severity).toEqual({
      type: 'microsoft.graph.security.alertSeverity',
      nullable: false,
    });
  });

  it('orders enum members by value, so those after unknownFutureValue are the evolvable ones', () => {
    expect(result.enumTypes.authenticationPhoneType).toEqual({
      isFlags: false,
      members: ['mobile', 'alternateMobile', 'office', 'unknownFutureValue'],
    });
    expect(result.enumTypes.modes?.isFlags).toBe(true);
  });

  it('keeps the roots, their base types, the types their properties use, and the derived types asked for; nothing else', () => {
    expect(Object.keys(result.structuredTypes).sort()).toEqual(
      ['authenticationMethod', 'entity', 'microsoft.graph.security.alert', 'phoneAuthenticationMethod', 'strength', 'user'].sort(),
    );
    expect(Object.keys(result.enumTypes).sort()).toEqual(['authenticationPhoneType', 'microsoft.graph.security.alertSeverity', 'modes']);
    expect(result.structuredTypes.user).toEqual({
      kind: 'entity',
      baseType: 'entity',
      openType: true,
      properties: {
        businessPhones: { type: 'Collection(Edm.String)', nullable: false },
        strength: { type: 'strength', nullable: true },
      },
      // Navigation targets are named, not followed (profilePhoto is not kept).
      navigationProperties: {
        manager: { type: 'entity', nullable: true },
        photos: { type: 'Collection(profilePhoto)', nullable: true },
      },
    });
    expect(result.structuredTypes.strength?.properties.allowed).toEqual({ type: 'Collection(modes)', nullable: false });
  });

  it('refuses a root the CSDL lacks, and writes JSON that reads back the same', () => {
    expect(() => extract(document, SOURCE, ['hardwareOathAuthenticationMethod'], [])).toThrow(/not in the CSDL/);
    expect(JSON.parse(formatExtract(result))).toEqual(result);
  });
});

describe('the committed graph-v1-metadata.json', () => {
  it('was generated with the current ROOTS and WITH_DERIVED (rerun extract-metadata.ts after changing them)', () => {
    expect(GRAPH_V1_METADATA.roots).toEqual(ROOTS);
    expect(GRAPH_V1_METADATA.withDerived).toEqual(WITH_DERIVED);
  });

  it('is closed: every base type and every property type it names is in it', () => {
    const { structuredTypes, enumTypes } = GRAPH_V1_METADATA;
    const missing: string[] = [];
    for (const [name, def] of Object.entries(structuredTypes)) {
      if (def.baseType && !structuredTypes[def.baseType]) missing.push(`${name} base ${def.baseType}`);
      for (const [property, { type }] of Object.entries(def.properties)) {
        const item = collectionItemType(type) ?? type;
        if (!item.startsWith('Edm.') && !structuredTypes[item] && !enumTypes[item]) missing.push(`${name}.${property}: ${item}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('parses to the same JSON formatExtract writes (nobody edited it by hand)', () => {
    expect(formatExtract(GRAPH_V1_METADATA)).toEqual(readFileSync(join(__dirname, 'graph-v1-metadata.json'), 'utf8'));
  });
});
